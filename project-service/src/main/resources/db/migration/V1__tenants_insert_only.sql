-- Changing or deleting a tenant row would silently stop that tenant's background jobs: the runtime role only adds them.
revoke update, delete on tenants from ${app_role};
