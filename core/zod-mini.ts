/**
 * zod/mini, with the same English messages as the full zod ("Too small: expected number to be
 * >=1"), which the full zod sets up by itself and zod/mini leaves to its user. Every schema is
 * written with it (the web app switches the messages to Norwegian): the full zod would weigh more
 * in each function and in the web app's first load than most of their own code
 * (bench/RESULTS.md, Bundles). zod-openapi reads these schemas for the OpenAPI document.
 */
import * as z from "zod/mini";
import { en } from "zod/locales";

z.config(en());

export * from "zod/mini";
