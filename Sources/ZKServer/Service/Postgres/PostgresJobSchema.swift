import PostgresNIO

/// The job table several `zkinfer serve` processes share. A job is claimed by
/// `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)` with a lease that its
/// worker renews while proving; a job whose lease ran out (its worker died) is claimed again.
/// Results are written only by the lease holder and only once (`state = 'proving'` and
/// `worker = me` in the UPDATE), so a job has at most one result.
enum PostgresJobSchema {
    static let table = "zkinfer_jobs"

    static func migrate(_ client: PostgresClient) async throws {
        try await client.query("""
            CREATE TABLE IF NOT EXISTS zkinfer_jobs (
                id text PRIMARY KEY,
                model_id text NOT NULL,
                input bytea,
                state text NOT NULL,
                created timestamptz NOT NULL DEFAULT now(),
                started timestamptz,
                finished timestamptz,
                worker text,
                lease_until timestamptz,
                attempts integer NOT NULL DEFAULT 0,
                stage text,
                output_int8 bytea,
                proof bytea,
                error text
            )
            """)
        try await client.query("CREATE INDEX IF NOT EXISTS zkinfer_jobs_claim ON zkinfer_jobs (state, created)")
    }
}
