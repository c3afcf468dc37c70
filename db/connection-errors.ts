/**
 * A database connection whose errors pass through `mapError` first: both drivers (db/sqlite.ts,
 * db/postgres.ts) wrap their connections with it, so the web app turns storage failures into
 * its 503 answer in one place (app/lib/db.server.ts).
 */
import type { DatabaseConnection } from "kysely";

export function mapConnectionErrors(
  connection: DatabaseConnection,
  mapError: (error: unknown) => unknown,
): DatabaseConnection {
  return {
    executeQuery: async (query) => {
      try {
        return await connection.executeQuery(query);
      } catch (error) {
        throw mapError(error);
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}
