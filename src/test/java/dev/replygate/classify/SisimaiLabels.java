package dev.replygate.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rows of {@code sisimai-set-of-emails/labels.tsv}: file, category and the expected facts. */
record SisimaiLabels(String file, String category, int recipients, List<Expected> expected) {

    /** What the label says of one failed recipient. */
    record Expected(String status, String reason, boolean hard) {
    }

    private static final Pattern RECIPIENTS = Pattern.compile("recipients=(\\d+)");
    private static final Pattern FACT = Pattern.compile("status=(\\S+) reply=\\S+ reason=(\\S+) hard=([01])");

    static List<SisimaiLabels> read(Path sisimai) {
        try {
            List<SisimaiLabels> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(sisimai.resolve("labels.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.split("\t", 3);
                if (columns.length < 3) {
                    continue;
                }
                Matcher count = RECIPIENTS.matcher(columns[2]);
                List<Expected> expected = new ArrayList<>();
                Matcher fact = FACT.matcher(columns[2]);
                while (fact.find()) {
                    expected.add(new Expected(fact.group(1), fact.group(2), fact.group(3).equals("1")));
                }
                rows.add(new SisimaiLabels(columns[0], columns[1], count.find() ? Integer.parseInt(count.group(1)) : -1,
                        expected));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
