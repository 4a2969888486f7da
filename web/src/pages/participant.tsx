export function ParticipantPage(_props: { id?: string }) {
  return <h1>ParticipantPage</h1>;
}
