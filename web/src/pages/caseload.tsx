export function CaseloadPage(_props: { id?: string }) {
  return <h1>CaseloadPage</h1>;
}
