export function AdminPage(_props: { id?: string }) {
  return <h1>AdminPage</h1>;
}
