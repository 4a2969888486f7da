/** The local servers accept any credentials; these keep the SDK from looking for real ones. */
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };
