export interface ClientOptions {
  region: string;
  /** A loopback endpoint for the local runtime; absent in AWS. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}
