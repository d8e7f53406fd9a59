package io.quillspace.benchmark;

import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.ServiceDatabase;
import io.quillspace.infra.launcher.Fleet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cost of Row-Level Security with the transaction-local tenant binding: the tenant-scoped bookings list query as
 * the runtime role (bind with set_config, query under the policies, commit) against the same query as a BYPASSRLS role
 * (query, commit). Same database (booking-service's schema, migrated by the service), same data, one run.
 */
public final class TenantBindingBenchmark {

    private static final int TENANTS = 20;
    private static final int BOOKINGS_PER_TENANT = 2_000;
    private static final String LIST = "select id, user_id, event_name, start_time, end_time, status"
            + " from consultation_bookings where tenant_id = ? order by start_time, id limit 50";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        Duration duration = Duration.ofSeconds(Long.getLong("duration.seconds", 20));
        int threads = Integer.getInteger("threads", 4);

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             Fleet booking = Fleet.start(infrastructure, root, Set.of(FleetService.BOOKING), "quarkus-app",
                     service -> ServicePorts.free(), Duration.ofMinutes(2))) {
            ServiceDatabase db = infrastructure.database("booking");
            List<UUID> tenants = seed(db);
            String bypassPassword = createBypassRole(infrastructure, db);

            Connect asRuntimeRole = () -> DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword());
            Connect asBypassRole = () -> DriverManager.getConnection(db.jdbcUrl(), "quillspace_bench_bypass", bypassPassword);
            Transaction boundQuery = (connection, tenant) -> {
                try (PreparedStatement bind = connection.prepareStatement(
                        "select set_config('app.current_tenant_id', ?, true), set_config('app.current_user_id', '', true),"
                                + " set_config('app.current_role', 'admin', true)")) {
                    bind.setString(1, tenant.toString());
                    bind.execute();
                }
                try (PreparedStatement list = connection.prepareStatement(LIST)) {
                    list.setObject(1, tenant);
                    drain(list);
                }
            };
            Transaction plainQuery = (connection, tenant) -> {
                try (PreparedStatement list = connection.prepareStatement(LIST)) {
                    list.setObject(1, tenant);
                    drain(list);
                }
            };
            // Fresh rows: the first reads set hint bits and autovacuum runs; warm both paths before measuring.
            run(Duration.ofSeconds(10), threads, tenants, asRuntimeRole, boundQuery);
            run(Duration.ofSeconds(10), threads, tenants, asBypassRole, plainQuery);
            double rls = run(duration, threads, tenants, asRuntimeRole, boundQuery);
            double bypass = run(duration, threads, tenants, asBypassRole, plainQuery);
            System.out.printf("%ntenant-scoped list query (%d tenants x %d bookings, %d threads, %d s each)%n",
                    TENANTS, BOOKINGS_PER_TENANT, threads, duration.toSeconds());
            System.out.printf("runtime role, RLS + set_config binding: %8.0f transactions/s%n", rls);
            System.out.printf("BYPASSRLS role, same query, no binding: %8.0f transactions/s%n", bypass);
            System.out.printf("ratio:                                  %8.2f   (target >= 0.70)%n", rls / bypass);
            dropBypassRole(infrastructure, db);
        }
        System.exit(0);
    }

    interface Connect {
        Connection open() throws SQLException;
    }

    interface Transaction {
        void run(Connection connection, UUID tenant) throws SQLException;
    }

    /** Transactions per second over {@code threads} connections, each transaction for a random tenant. */
    private static double run(Duration duration, int threads, List<UUID> tenants, Connect connect, Transaction work)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long done = 0;
                try (Connection connection = connect.open()) {
                    connection.setAutoCommit(false);
                    var random = java.util.concurrent.ThreadLocalRandom.current();
                    while (running.get()) {
                        work.run(connection, tenants.get(random.nextInt(tenants.size())));
                        connection.commit();
                        done++;
                    }
                }
                return done;
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        running.set(false);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private static void drain(PreparedStatement statement) throws SQLException {
        int rows = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows++;
            }
        }
        if (rows == 0) {
            throw new IllegalStateException("the list query returned no rows: the benchmark would measure nothing");
        }
    }

    /** Users and bookings for every tenant, inserted as the runtime role bound to each tenant in turn. */
    private static List<UUID> seed(ServiceDatabase db) throws SQLException {
        List<UUID> tenants = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.appUser(), db.appPassword())) {
            connection.setAutoCommit(false);
            for (int t = 0; t < TENANTS; t++) {
                UUID tenant = UUID.randomUUID();
                tenants.add(tenant);
                ServiceRoleBinding.bind(connection, tenant);
                try (Statement sql = connection.createStatement()) {
                    sql.execute("""
                            insert into users (id, tenant_id, email, name, created_at)
                            select gen_random_uuid(), '%1$s', 'client' || n || '@example.org', 'Client ' || n, now()
                            from generate_series(1, 100) n;
                            insert into consultation_bookings (id, tenant_id, user_id, invitee_uri, event_uri, event_name,
                                status, start_time, end_time, invitee_timezone)
                            select gen_random_uuid(), '%1$s', u.id, 'https://api.calendly.com/invitees/' || gen_random_uuid(),
                                'https://api.calendly.com/scheduled_events/BENCH', 'Consultation', 'SCHEDULED',
                                now() + (n || ' hours')::interval, now() + (n || ' hours')::interval + interval '45 minutes',
                                'Europe/Madrid'
                            from generate_series(1, %2$d) n
                            join lateral (select id from users order by id offset (n %% 100) limit 1) u on true;
                            """.formatted(tenant, BOOKINGS_PER_TENANT));
                }
                connection.commit();
            }
        }
        return tenants;
    }

    private static void dropBypassRole(Infrastructure infrastructure, ServiceDatabase db) throws SQLException {
        try (Connection admin = DriverManager.getConnection(infrastructure.postgres().adminUrlFor(db.name()));
             Statement sql = admin.createStatement()) {
            sql.execute("drop owned by quillspace_bench_bypass");
            sql.execute("drop role quillspace_bench_bypass");
        }
    }

    /** A role like the runtime role but with BYPASSRLS: the comparison without Row-Level Security. */
    private static String createBypassRole(Infrastructure infrastructure, ServiceDatabase db) throws SQLException {
        String password = UUID.randomUUID().toString();
        try (Connection admin = DriverManager.getConnection(infrastructure.postgres().adminUrlFor(db.name()));
             Statement sql = admin.createStatement()) {
            sql.execute("drop role if exists quillspace_bench_bypass");
            sql.execute("create role quillspace_bench_bypass login bypassrls password '" + password + "'");
            sql.execute("grant connect on database " + db.name() + " to quillspace_bench_bypass");
            sql.execute("grant usage on schema public to quillspace_bench_bypass");
            sql.execute("grant select on all tables in schema public to quillspace_bench_bypass");
            sql.execute("analyze");
        }
        return password;
    }
}
