export function TeamPage(_props: { id?: string }) {
  return <h1>TeamPage</h1>;
}
