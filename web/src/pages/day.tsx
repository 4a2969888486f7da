export function DayPage(_props: { id?: string }) {
  return <h1>DayPage</h1>;
}
