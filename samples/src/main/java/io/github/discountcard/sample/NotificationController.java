package io.github.discountcard.sample;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /notifications}: the last notifications received, newest first, decrypted, openids masked. */
@RestController
class NotificationController {

    private final NotificationInbox inbox;

    NotificationController(NotificationInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/notifications")
    List<NotificationInbox.Entry> notifications() {
        return this.inbox.entries();
    }
}
