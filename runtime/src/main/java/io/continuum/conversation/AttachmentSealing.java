package io.continuum.conversation;

import io.continuum.conversation.attachment.ObjectStore;
import io.continuum.privacy.SealedFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Seals the attachment files stored before files were sealed, at start: each plain file is stored again sealed
 * under the data key of the customer whose conversation holds it (a file two customers sent is sealed once for
 * each), and the plain file is deleted once no row names it. A batch at a time, each in its own transaction,
 * so a start interrupted half-way goes on where it stopped.
 */
@ApplicationScoped
public class AttachmentSealing {

    private static final Logger LOG = Logger.getLogger(AttachmentSealing.class);
    private static final int BATCH = 100;

    private final ObjectStore objectStore;
    private final SealedFiles sealedFiles;
    private final Conversations conversations;

    AttachmentSealing(ObjectStore objectStore, SealedFiles sealedFiles, Conversations conversations) {
        this.objectStore = objectStore;
        this.sealedFiles = sealedFiles;
        this.conversations = conversations;
    }

    void onStart(@Observes StartupEvent start) {
        int sealed = sealPlainFiles();
        if (sealed > 0) {
            LOG.infof("Sealed %d attachment files stored before sealing", sealed);
        }
    }

    /** @return how many attachments were sealed now */
    public int sealPlainFiles() {
        int sealed = 0;
        while (true) {
            List<Attachment> batch = QuarkusTransaction.requiringNew().call(() ->
                    Attachment.<Attachment>find("sealed = false order by id").page(0, BATCH).list());
            if (batch.isEmpty()) {
                return sealed;
            }
            Set<String> replaced = new HashSet<>();
            for (Attachment plain : batch) {
                QuarkusTransaction.requiringNew().run(() -> seal(Attachment.findById(plain.id)));
                replaced.add(plain.storageKey);
                sealed++;
            }
            for (String key : replaced) {
                if (QuarkusTransaction.requiringNew().call(() -> Attachment.count("storageKey", key)) == 0) {
                    objectStore.delete(key);
                }
            }
        }
    }

    private void seal(Attachment attachment) {
        Optional<byte[]> plain = objectStore.read(attachment.storageKey);
        if (plain.isPresent() && !SealedFiles.isSealed(plain.get())) {
            Message message = Message.findById(attachment.messageId);
            attachment.storageKey = objectStore.put(sealedFiles.seal(conversations.require(message.conversationId).customerId,
                    plain.get())).key();
        }
        attachment.sealed = true;
    }
}
