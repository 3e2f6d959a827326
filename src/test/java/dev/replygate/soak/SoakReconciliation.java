package dev.replygate.soak;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the soak left, read from the outside: where each message is on the mail server, and what the
 * SMTP server received. Every message in exactly one disposition folder (the right one for its kind);
 * every message to answer answered by exactly one answer (one Message-ID), to its sender; nothing
 * automatic answered; every notification delivered. Copies of one Message-ID are what a kill between
 * the SMTP server's accept and the commit that marks the item sent leaves: counted, at most one a kill.
 */
final class SoakReconciliation {

    static final String REDIRECTED = "replygate/Redirected";
    static final String IGNORED = "replygate/Ignored";

    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> folderSizes = new LinkedHashMap<>();
    private int toAnswer;
    private int answeredOnce;
    private int notificationsDelivered;
    private int notifications;
    private int sameMessageIdCopies;
    private int received;

    private SoakReconciliation() {
    }

    static SoakReconciliation of(List<SoakMail.Message> sent, List<String> notificationIds,
                                 Map<String, List<String>> folders, MimeMessage[] receivedMail)
            throws MessagingException {
        SoakReconciliation result = new SoakReconciliation();
        result.checkFolders(sent, folders);
        result.checkReceived(sent, notificationIds, receivedMail);
        return result;
    }

    private void checkFolders(List<SoakMail.Message> sent, Map<String, List<String>> folders) {
        Map<String, List<String>> foldersOf = new HashMap<>();
        folders.forEach((folder, ids) -> {
            folderSizes.put(folder, ids.size());
            ids.forEach(id -> foldersOf.computeIfAbsent(id, any -> new ArrayList<>()).add(folder));
        });
        Set<String> ours = new HashSet<>();
        for (SoakMail.Message message : sent) {
            ours.add(message.messageId());
            List<String> where = foldersOf.getOrDefault(message.messageId(), List.of());
            String expected = message.kind().answered() ? REDIRECTED : IGNORED;
            if (!where.equals(List.of(expected))) {
                problems.add(message.kind() + " " + message.messageId() + " is in " + where + ", expected only in "
                        + expected);
            }
        }
        foldersOf.keySet().stream().filter(id -> !ours.contains(id))
                .forEach(id -> problems.add("a message the soak did not send is in " + foldersOf.get(id) + ": " + id));
    }

    private void checkReceived(List<SoakMail.Message> sent, List<String> notificationIds, MimeMessage[] receivedMail)
            throws MessagingException {
        Map<String, SoakMail.Message> byId = new HashMap<>();
        sent.forEach(message -> byId.put(message.messageId(), message));
        Map<String, Set<String>> answersTo = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        Set<String> notificationsSeen = new HashSet<>();
        received = receivedMail.length;
        for (MimeMessage mail : receivedMail) {
            String messageId = mail.getMessageID();
            copies.merge(messageId, 1, Integer::sum);
            if (notificationIds.contains(messageId)) {
                notificationsSeen.add(messageId);
                continue;
            }
            String inReplyTo = mail.getHeader("In-Reply-To", null);
            SoakMail.Message original = inReplyTo == null ? null : byId.get(inReplyTo.trim());
            if (original == null) {
                problems.add("the SMTP server received mail that answers nothing the soak sent: " + messageId
                        + " In-Reply-To " + inReplyTo);
                continue;
            }
            answersTo.computeIfAbsent(original.messageId(), any -> new HashSet<>()).add(messageId);
            Address[] to = mail.getRecipients(jakarta.mail.Message.RecipientType.TO);
            if (to == null || to.length != 1
                    || !((InternetAddress) to[0]).getAddress().equalsIgnoreCase(original.sender())) {
                problems.add("the answer " + messageId + " to " + original.messageId() + " went to "
                        + java.util.Arrays.toString(to) + ", not to its sender " + original.sender());
            }
        }
        for (SoakMail.Message message : sent) {
            Set<String> answers = answersTo.getOrDefault(message.messageId(), Set.of());
            if (message.kind().answered()) {
                toAnswer++;
                if (answers.size() == 1) {
                    answeredOnce++;
                } else {
                    problems.add(message.kind() + " " + message.messageId() + " answered by " + answers.size()
                            + " different answers " + answers);
                }
            } else if (!answers.isEmpty()) {
                problems.add("automatic mail answered: " + message.kind() + " " + message.messageId() + " by " + answers);
            }
        }
        notifications = notificationIds.size();
        notificationsDelivered = notificationsSeen.size();
        notificationIds.stream().filter(id -> !notificationsSeen.contains(id))
                .forEach(id -> problems.add("notification never delivered: " + id));
        sameMessageIdCopies = copies.values().stream().mapToInt(count -> count - 1).sum();
    }

    String summary() {
        return "%d messages: %d to answer, %d answered exactly once; %d notifications queued, %d delivered; "
                .formatted(folderSizes.values().stream().mapToInt(Integer::intValue).sum(), toAnswer, answeredOnce,
                        notifications, notificationsDelivered)
                + "%d mails received, %d of them second copies of one Message-ID; folders %s; problems: %d"
                .formatted(received, sameMessageIdCopies, folderSizes, problems.size());
    }

    /** Fails with every problem found, or when more copies of one Message-ID arrived than there were kills. */
    void assertExactlyOnce(int kills, String summary) {
        assertThat(problems).as(summary).isEmpty();
        assertThat(folderSizes.getOrDefault("INBOX", 0)).as("left in INBOX; %s", summary).isZero();
        assertThat(sameMessageIdCopies).as("second copies: at most one a kill; %s", summary).isLessThanOrEqualTo(kills);
    }
}
