-- Tenancy primitives, identical in every service database (Flyway location classpath:db/tenancy).
-- TenantTransactions binds these settings transaction-locally; NULLIF(..., '') makes "nothing bound" mean NULL,
-- and a NULL tenant matches no row, so code that skips the binding sees nothing and can insert nothing.

-- The runtime role reads and writes rows of every table the owner creates, now and later; it owns none.
grant usage on schema public to ${app_role};
alter default privileges in schema public grant select, insert, update, delete on tables to ${app_role};

create function app_current_tenant() returns uuid
    language sql stable
    as $$ select nullif(current_setting('app.current_tenant_id', true), '')::uuid $$;

create function app_current_user() returns uuid
    language sql stable
    as $$ select nullif(current_setting('app.current_user_id', true), '')::uuid $$;

-- Admins and services acting on a tenant's events see the whole tenant; users see their own rows.
create function app_sees_whole_tenant() returns boolean
    language sql stable
    as $$ select coalesce(current_setting('app.current_role', true), '') in ('admin', 'service') $$;

-- Every table with a tenant_id column calls this right after CREATE TABLE; each service's tests fail the build if
-- one does not. owner_column names the column of the user who owns a row, when users may see only their own.
-- The settings are read through scalar subqueries: evaluated once per statement (an InitPlan), and estimated like a
-- parameter, so the planner still walks a (tenant_id, ...) index instead of sorting the whole tenant.
create procedure enable_tenant_rls(target regclass, owner_column text default null)
    language plpgsql
    as $$
begin
    execute format('alter table %s enable row level security', target);
    -- FORCE: the table owner obeys the policies too.
    execute format('alter table %s force row level security', target);
    execute format('create policy tenant_isolation on %s using (tenant_id = (select app_current_tenant()))'
                   ' with check (tenant_id = (select app_current_tenant()))', target);
    if owner_column is not null then
        execute format('create policy own_rows on %s as restrictive'
                       ' using ((select app_sees_whole_tenant()) or %I = (select app_current_user()))'
                       ' with check ((select app_sees_whole_tenant()) or %I = (select app_current_user()))',
                       target, owner_column, owner_column);
    end if;
end
$$;

-- Studios this database has seen. Holds no personal data; background jobs (outbox relays, email dispatch) walk it to
-- bind one tenant at a time, so nothing ever needs to bypass Row-Level Security.
create table tenants (
    id            uuid primary key,
    first_seen_at timestamptz not null default now()
);

