package io.quillspace.benchmark;

import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.ServiceDatabase;
import io.quillspace.infra.launcher.Fleet;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code GET /consultations} (first page, default size 50, with its total) through booking-service (one instance,
 * production JVM options) as the runtime role under Row-Level Security: an admin of a studio with 100 k bookings, and a
 * client of that studio with 20 of them. Closed loop: {@code clients} callers each send the next request when the last
 * answered; latency per request, p50 and p99 per caller kind, after a warm-up of each.
 * Knobs (BENCH_OPTS): -Dbookings=100000 -Duser.bookings=20 -Dclients=2 -Dwarmup.seconds=20 -Dduration.seconds=30.
 */
public final class ConsultationsListBenchmark {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        int bookings = Integer.getInteger("bookings", 100_000);
        int userBookings = Integer.getInteger("user.bookings", 20);
        int clients = Integer.getInteger("clients", 2);
        Duration warmup = Duration.ofSeconds(Long.getLong("warmup.seconds", 20));
        Duration duration = Duration.ofSeconds(Long.getLong("duration.seconds", 30));

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             Fleet booking = Fleet.start(infrastructure, root, Set.of(FleetService.BOOKING), "quarkus-app",
                     service -> ServicePorts.free(), Duration.ofMinutes(2))) {
            UUID tenant = UUID.randomUUID();
            UUID client = UUID.randomUUID();
            ServiceDatabase db = infrastructure.database("booking");
            seed(db, tenant, client, bookings, userBookings);
            analyze(infrastructure.postgres().adminUrlFor(db.name()));
            URI list = booking.url(FleetService.BOOKING, "/consultations");
            String adminToken = DevTokens.token(tenant, UUID.randomUUID(), "admin");
            String clientToken = DevTokens.token(tenant, client, "user");

            run(list, adminToken, clients, warmup);
            Histogram admin = run(list, adminToken, clients, duration);
            run(list, clientToken, clients, warmup);
            Histogram user = run(list, clientToken, clients, duration);

            System.out.printf("%nGET /consultations (first page of 50 with total), %d clients in a closed loop, %d s each%n",
                    clients, duration.toSeconds());
            report(String.format("admin, %,d bookings in the studio", bookings), admin, duration);
            report(String.format("client with %d of them", userBookings), user, duration);
        }
        System.exit(0);
    }

    private static void report(String who, Histogram latency, Duration duration) {
        System.out.printf("%-38s p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%,d requests, %,.0f /s)%n", who,
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0, latency.getTotalCount(), latency.getTotalCount() / (double) duration.toSeconds());
    }

    /** Latency in microseconds of every request answered within {@code duration}; any answer but 200 stops the run. */
    private static Histogram run(URI list, String token, int clients, Duration duration) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(list).header("Authorization", "Bearer " + token).GET().build();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Histogram>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                Histogram latency = new Histogram(60_000_000L, 3);
                while (System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("GET /consultations answered " + response.statusCode());
                    }
                    latency.recordValue((System.nanoTime() - sent) / 1_000);
                }
                return latency;
            }));
        }
        Histogram all = new Histogram(60_000_000L, 3);
        for (Future<Histogram> result : results) {
            all.add(result.get());
        }
        pool.shutdown();
        return all;
    }

    /**
     * One studio's users and bookings, inserted as the runtime role bound to the studio: {@code userBookings} of them
     * the client's, the rest spread over 2,000 other clients, start times an hour apart.
     */
    private static void seed(ServiceDatabase db, UUID tenant, UUID client, int bookings, int userBookings)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword())) {
            connection.setAutoCommit(false);
            ServiceRoleBinding.bind(connection, tenant);
            try (Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into users (id, tenant_id, email, name, created_at)
                        select gen_random_uuid(), '%1$s', 'client' || n || '@example.org', 'Client ' || n, now()
                        from generate_series(1, 2000) n;
                        insert into users (id, tenant_id, email, name, created_at)
                        values ('%2$s', '%1$s', 'measured.client@example.org', 'Measured Client', now());
                        create temporary table others on commit drop as
                            select row_number() over () - 1 as position, id from users
                            where tenant_id = '%1$s' and id <> '%2$s';
                        create index on others (position);
                        insert into consultation_bookings (id, tenant_id, user_id, invitee_uri, event_uri, event_name,
                            status, start_time, end_time, invitee_timezone)
                        select gen_random_uuid(), '%1$s',
                            case when n %% (%3$d / %4$d) = 0 then '%2$s'::uuid
                                 else (select id from others where position = n %% 2000) end,
                            'https://api.calendly.com/invitees/' || gen_random_uuid(),
                            'https://api.calendly.com/scheduled_events/BENCH', 'Consultation',
                            case when n %% 10 = 0 then 'CANCELED' else 'SCHEDULED' end,
                            now() - interval '2 years' + (n || ' hours')::interval,
                            now() - interval '2 years' + (n || ' hours')::interval + interval '45 minutes',
                            'Europe/Madrid'
                        from generate_series(1, %3$d) n;
                        """.formatted(tenant, client, bookings, userBookings));
            }
            connection.commit();
        }
    }

    /** Fresh statistics, as autovacuum would soon have them; only the tables' owner (or a superuser) may analyze. */
    private static void analyze(String adminUrl) throws Exception {
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement sql = admin.createStatement()) {
            sql.execute("vacuum analyze");
        }
    }
}
