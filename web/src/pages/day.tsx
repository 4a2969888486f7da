import { useState } from "preact/hooks";
import { useSession } from "../app-context";
import { useResource } from "../api/use-resource";
import type { Day, DayItem } from "../api/types";
import { EventForm } from "../components/event-form";
import { useTitle } from "../components/layout";
import { Show } from "../components/status";
import { formatDay } from "../format";
import { useI18n } from "../i18n";
import { suggestedEvent } from "../suggested-event";

const sections: Array<DayItem["section"]> = ["overdue", "due", "upcoming"];

/**
 * The specialist's start page: what is overdue, due today and coming up, the most urgent first
 * (a missed 30-day deadline above everything), each with a way to record what was done.
 */
export function DayPage() {
  const session = useSession();
  const { t, timeZone } = useI18n();
  useTitle(t.day.title);
  const specialistId = session.principal.role === "specialist" ? session.principal.specialistId : "";
  const day = useResource<Day>(`/specialists/${encodeURIComponent(specialistId)}/day`);
  const [notice, setNotice] = useState<string | undefined>();
  return (
    <>
      <h1>{t.day.title}</h1>
      {notice && (
        <p class="alert success" role="status">
          {notice}
        </p>
      )}
      <Show resource={day}>
        {(data) => (
          <>
            <p>{t.day.intro(formatDay(data.date, timeZone, t.tag))}</p>
            {data.items.length === 0 && <p class="card">{t.day.nothing}</p>}
            {sections.map((section) => {
              // The API lists a missed deadline first; it is overdue, so it leads the first section.
              const shown = data.items.filter((item) => item.section === section);
              if (shown.length === 0) return null;
              return (
                <section key={section} aria-labelledby={`day-${section}`}>
                  <h2 id={`day-${section}`}>{t.day.section[section]}</h2>
                  <ul class="plain">
                    {shown.map((item) => (
                      <Task
                        key={`${item.participantId}-${item.kind}`}
                        item={item}
                        onRecorded={(what) => {
                          setNotice(t.day.recorded(what, item.code));
                          day.reload();
                        }}
                      />
                    ))}
                  </ul>
                </section>
              );
            })}
          </>
        )}
      </Show>
    </>
  );
}

function Task(props: { item: DayItem; onRecorded: (what: string) => void }) {
  const { item } = props;
  const { t, words } = useI18n();
  const [open, setOpen] = useState(false);
  const suggestion = suggestedEvent[item.kind];
  const when =
    item.section === "overdue"
      ? t.day.daysOverdue(item.daysOverdue ?? 0)
      : item.daysLeft
        ? t.day.dueIn(item.daysLeft)
        : t.day.dueToday;
  return (
    <li class={`task ${item.section}${item.missedDeadline ? " missed" : ""}`} data-kind={item.kind} data-participant={item.participantId}>
      {item.missedDeadline && <p class="flag">{t.day.missed}</p>}
      <a class="code" href={`/participants/${encodeURIComponent(item.participantId)}`}>
        {item.code}
      </a>
      <p class="what">{words.obligation[item.kind]}</p>
      <p class="when">{when}</p>
      {open ? (
        <EventForm
          participantId={item.participantId}
          initial={suggestion}
          fixedType
          onCancel={() => setOpen(false)}
          onRecorded={() => {
            setOpen(false);
            props.onRecorded(t.events[suggestion.type]);
          }}
        />
      ) : (
        <button type="button" onClick={() => setOpen(true)} aria-label={`${t.day.record} ${t.events[suggestion.type].toLowerCase()} – ${item.code}`}>
          {t.day.record} {t.events[suggestion.type].toLowerCase()}
        </button>
      )}
    </li>
  );
}
