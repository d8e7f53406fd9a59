package io.quillspace.email.client;

import io.quillspace.shared.privacy.ClientData;
import jakarta.inject.Singleton;

/**
 * What email-service holds about a client: their email jobs (kind, status, times, recipient, the context the template
 * was given, and for sent ones the message id and the SMTP server's response) and the suppressions of their address.
 * Claim leases are the dispatcher's bookkeeping, left out. Erasure is the migration's {@code erase_client} (V8).
 */
// A singleton: nothing here needs a client proxy, and ClientData has no constructor one could call.
@Singleton
public class EmailClientData extends ClientData {

    public EmailClientData() {
        super("email", """
                with addresses as (select lower(btrim(recipient)) as email from email_jobs where user_id = :user
                                   union select lower(btrim(recipient)) from booking_projection where user_id = :user)
                select cast(jsonb_build_object(
                    'emailJobs', coalesce((select jsonb_agg(to_jsonb(j) - 'claim_token' - 'locked_until'
                                                            order by j.created_at)
                                           from email_jobs j where j.user_id = :user), cast('[]' as jsonb)),
                    'suppressions', coalesce((select jsonb_agg(to_jsonb(s) order by s.unsubscribed_at)
                                              from email_suppressions s where s.email in (select email from addresses)),
                                             cast('[]' as jsonb))) as text)""");
    }
}
