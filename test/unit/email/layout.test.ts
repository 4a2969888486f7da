import { describe, expect, it } from "vitest";
import { renderEmail } from "../../../core/email/layout";
import { expectSelfContainedHtml } from "./fixtures";

const hostile = (where: string) => `<i>${where}</i> & "q"`;

describe("email layout", () => {
  const email = renderEmail({
    locale: "nb",
    subject: hostile("subject"),
    blocks: [
      { kind: "title", text: hostile("title") },
      { kind: "paragraph", text: hostile("paragraph") },
      { kind: "heading", text: hostile("heading") },
      { kind: "facts", rows: [{ label: hostile("label"), value: hostile("value") }] },
      {
        kind: "table",
        columns: [{ header: hostile("header") }, { header: "Frist", labelInText: true }],
        rows: [[{ text: hostile("cell"), href: `https://x.example/participants/a"b` }, { text: "fredag", flag: true }]],
      },
      { kind: "footer", text: hostile("footer") },
    ],
  });

  it("escapes every piece of text in every kind of block", () => {
    for (const where of ["subject", "title", "paragraph", "heading", "label", "value", "header", "cell", "footer"]) {
      expect(email.html, where).toContain(`&lt;i&gt;${where}&lt;/i&gt; &amp; &quot;q&quot;`);
    }
    expect(email.html).not.toContain("<i>");
    expect(email.html).toContain(`href="https://x.example/participants/a&quot;b"`);
    expectSelfContainedHtml(email.html);
  });

  it("writes the same text unescaped in the text part, links on their own line, flags marked", () => {
    for (const where of ["title", "paragraph", "heading", "label", "value", "cell", "footer"]) {
      expect(email.text, where).toContain(hostile(where));
    }
    expect(email.text).toContain(`- ${hostile("cell")} · Frist: fredag (!)\n  https://x.example/participants/a"b\n`);
    expect(email.text).not.toMatch(/\n{3,}/);
    expect(email.subject).toBe(hostile("subject"));
  });
});
