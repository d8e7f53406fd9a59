package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;

/** What a delivery template may show as {@code delivery}: the project, the deliverable and the file's name. */
public record DeliveryView(String projectName, String deliverableName, String fileName) {

    /** The view of a delivered file; null for every other email. */
    public static DeliveryView of(EmailJob.DeliveredFile delivered) {
        return delivered == null ? null
                : new DeliveryView(delivered.projectName(), delivered.deliverableName(), delivered.fileName());
    }
}
