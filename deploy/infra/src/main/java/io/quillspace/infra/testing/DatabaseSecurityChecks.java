package io.quillspace.infra.testing;

import java.util.List;
import java.util.Map;

/**
 * Catalog checks every service's tests run against their own database, so a role with too much power or a tenant
 * table added without Row-Level Security fails the build.
 */
public final class DatabaseSecurityChecks {

    private DatabaseSecurityChecks() {
    }

    /** Problems with the runtime role: superuser, BYPASSRLS, or owning any relation. Empty when it is as it must be. */
    public static List<String> runtimeRoleProblems(DatabaseProbe asRuntimeRole) {
        Map<String, Object> role = asRuntimeRole.query(
                "select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user").get(0);
        List<String> problems = new java.util.ArrayList<>();
        if (Boolean.TRUE.equals(role.get("rolsuper"))) {
            problems.add(role.get("rolname") + " is SUPERUSER");
        }
        if (Boolean.TRUE.equals(role.get("rolbypassrls"))) {
            problems.add(role.get("rolname") + " has BYPASSRLS");
        }
        asRuntimeRole.query("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where pg_get_userbyid(c.relowner) = current_user and n.nspname = 'public'""")
                .forEach(owned -> problems.add("runtime role owns " + owned.get("relname")));
        // A member of another role (the owner, say) could SET ROLE to it and leave RLS behind.
        asRuntimeRole.query("""
                        select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid
                        where m.member = (select oid from pg_roles where rolname = current_user)""")
                .forEach(granted -> problems.add("runtime role is a member of " + granted.get("rolname")));
        return problems;
    }

    /**
     * Tables with a tenant_id column that lack enabled and forced RLS or a permissive policy comparing tenant_id with
     * the bound tenant. Empty when all are covered.
     */
    public static List<String> tablesWithoutTenantIsolation(DatabaseProbe probe) {
        return probe.query("""
                        select c.relname as table_name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
                               (select count(*) from pg_policies p
                                where p.schemaname = n.nspname and p.tablename = c.relname
                                  and p.permissive = 'PERMISSIVE'
                                  and p.qual like '%tenant_id = ( SELECT app_current_tenant()%'
                                  and p.with_check like '%tenant_id = ( SELECT app_current_tenant()%') as policies
                        from pg_class c
                        join pg_namespace n on n.oid = c.relnamespace
                        join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
                        where n.nspname = 'public' and c.relkind in ('r', 'p')""")
                .stream()
                .filter(t -> !Boolean.TRUE.equals(t.get("enabled")) || !Boolean.TRUE.equals(t.get("forced"))
                        || ((Number) t.get("policies")).intValue() == 0)
                .map(t -> t.get("table_name") + " (rls enabled=" + t.get("enabled") + ", forced=" + t.get("forced")
                        + ", policies=" + t.get("policies") + ")")
                .toList();
    }

    /**
     * Foreign keys that reference a tenant table without matching tenant_id to tenant_id. Foreign-key checks bypass
     * Row-Level Security, so such a key could let a row point into another tenant. Empty when none does.
     */
    public static List<String> foreignKeysCrossingTenants(DatabaseProbe probe) {
        return probe.query("""
                        select con.conname::text as name, con.conrelid::regclass::text as from_table,
                               con.confrelid::regclass::text as to_table
                        from pg_constraint con
                        where con.contype = 'f' and con.connamespace = 'public'::regnamespace
                          and exists (select 1 from pg_attribute a where a.attrelid = con.confrelid
                                      and a.attname = 'tenant_id' and not a.attisdropped)
                          and not exists (select 1 from unnest(con.conkey, con.confkey) as k(local, referenced)
                                          join pg_attribute l on l.attrelid = con.conrelid and l.attnum = k.local
                                          join pg_attribute r on r.attrelid = con.confrelid and r.attnum = k.referenced
                                          where l.attname = 'tenant_id' and r.attname = 'tenant_id')""")
                .stream()
                .map(key -> key.get("name") + " (" + key.get("from_table") + " -> " + key.get("to_table") + ")")
                .toList();
    }

    /** The privileges the runtime role holds on {@code table}, e.g. {@code [INSERT, SELECT]}, sorted. */
    public static List<String> runtimeRolePrivileges(DatabaseProbe asRuntimeRole, String table) {
        return asRuntimeRole.query("""
                        select privilege_type from information_schema.role_table_grants
                        where grantee = current_user and table_schema = 'public' and table_name = ?
                        order by privilege_type""", table)
                .stream()
                .map(row -> (String) row.get("privilege_type"))
                .toList();
    }

    /**
     * Whether the runtime role may call {@code function} and it runs as its owner, another role: how a migration lets
     * the runtime role do what it may not do itself (e.g. erase a client from append-only tables).
     */
    public static boolean runsAsAnotherOwnerForTheRuntimeRole(DatabaseProbe asRuntimeRole, String function) {
        return (Boolean) asRuntimeRole.query("""
                select bool_and(p.prosecdef and pg_get_userbyid(p.proowner) <> current_user
                                and has_function_privilege(current_user, p.oid, 'execute')) as definer
                from pg_proc p where p.proname = ?""", function).get(0).get("definer");
    }

    /** How many tables carry a tenant_id column; a check that finds none proves nothing. */
    public static int tenantTableCount(DatabaseProbe probe) {
        return ((Number) probe.query("""
                select count(*) as n from information_schema.columns
                where table_schema = 'public' and column_name = 'tenant_id'""").get(0).get("n")).intValue();
    }
}
