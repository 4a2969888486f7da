export function ClockPage(_props: { id?: string }) {
  return <h1>ClockPage</h1>;
}
