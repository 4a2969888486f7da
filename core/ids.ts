import { monotonicFactory } from "ulid";

const ulid = monotonicFactory();

/** Ids are ULIDs: unique, URL-safe and sortable by creation time. */
export const newId = (): string => ulid();
