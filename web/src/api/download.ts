/**
 * Saves a file the API makes (a CSV, a PDF) under its own name. A plain link cannot carry the
 * session's bearer token, so the file is fetched with it and handed to the browser as a blob.
 */
export async function downloadFile(options: { url: string; token: string | undefined; accept: string; fileName?: string }): Promise<void> {
  const res = await fetch(options.url, { headers: { accept: options.accept, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const named = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = options.fileName ?? named ?? "ipsflow";
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
