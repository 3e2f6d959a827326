package dev.replygate.notify;

import dev.replygate.config.ReplygateConfig;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Renders a mail from templates: {@code <locale>/<name>.subject.peb}, {@code .html.peb}
 * (extending the shared {@code layout.html.peb}) and optionally {@code .txt.peb}; without a
 * text template the text part is derived from the HTML. Each file is looked up in the override
 * folder first, then among the built-in templates. The locale falls back per template from
 * {@code pt-BR} to {@code pt} to the default locale. Thread-safe.
 */
public final class TemplateRenderer {

    private final TemplateFiles files;
    private final String defaultLocale;
    private final LocaleFormats formats;
    private final Clock clock;
    private final PebbleEngine htmlEngine;
    private final PebbleEngine textEngine;
    private final DerivedTextParts derivedText = new DerivedTextParts();

    /** Dates in UTC, now from the system clock. */
    public TemplateRenderer(Path overrideDirectory, String defaultLocale) {
        this(overrideDirectory, defaultLocale, ZoneOffset.UTC, Clock.systemUTC());
    }

    /**
     * @param overrideDirectory admins' templates; need not exist
     * @param defaultLocale     the last fallback, e.g. {@code en}; must have every template
     * @param timeZone          the zone dates are shown in
     * @param clock             source of "now" for the {@code date} variable
     */
    public TemplateRenderer(Path overrideDirectory, String defaultLocale, ZoneId timeZone, Clock clock) {
        this(TemplateFiles.overridingBuiltIn(Objects.requireNonNull(overrideDirectory, "overrideDirectory")),
                defaultLocale, timeZone, clock);
    }

    /**
     * The renderer of {@code config}, built the one way that {@code run}, the digests and {@code check-config}
     * all use: its templates folder over the built-in templates, its default locale, dates in {@code timeZone}.
     */
    public static TemplateRenderer of(ReplygateConfig config, ZoneId timeZone, Clock clock) {
        return new TemplateRenderer(config.templates().directory(), config.notifications().defaultLocale(), timeZone,
                clock);
    }

    TemplateRenderer(TemplateFiles files, String defaultLocale, ZoneId timeZone, Clock clock) {
        this.files = files;
        this.defaultLocale = LocaleTags.canonical(defaultLocale).orElseThrow(
                () -> new IllegalArgumentException("invalid default locale '" + defaultLocale + "'"));
        this.formats = new LocaleFormats(timeZone);
        this.clock = Objects.requireNonNull(clock, "clock");
        TemplateFileLoader loader = new TemplateFileLoader(files);
        this.htmlEngine = engine(loader, Output.HTML);
        this.textEngine = engine(loader, Output.TEXT);
    }

    /**
     * In text, line breaks are content: Pebble's newline trimming would also eat the one after
     * {@code {{ value }}}, so text templates control white space with {@code {%- … %}} instead.
     */
    private PebbleEngine engine(TemplateFileLoader loader, Output output) {
        return new PebbleEngine.Builder()
                .loader(loader)
                .strictVariables(true)
                .autoEscaping(output == Output.HTML)
                .newLineTrimming(output == Output.HTML)
                .defaultLocale(Locale.forLanguageTag(defaultLocale))
                .extension(new RenderingExtension(output, formats))
                .build();
    }

    /**
     * @param templateName e.g. {@code ticket-opened}
     * @param locale       the reader's locale, e.g. {@code fa-IR}; null or malformed means the default
     * @param variables    the template's variables (see config/templates/README.md)
     * @throws MissingVariableException when a required variable is absent, null or blank
     * @throws TemplateException        when no locale has the template, or it fails to render
     */
    public RenderedTemplate render(String templateName, String locale, Map<String, ?> variables) {
        TemplateNames.requireValid(templateName);
        Objects.requireNonNull(variables, "variables");
        String used = LocaleTags.fallbackChain(locale, defaultLocale).stream()
                .filter(candidate -> isComplete(candidate, templateName))
                .findFirst()
                .orElseThrow(() -> new TemplateException("no template '" + templateName + "' for locale "
                        + locale + " nor default locale " + defaultLocale + " in " + files));
        Locale javaLocale = Locale.forLanguageTag(used);
        boolean rightToLeft = LocaleFormats.isRightToLeft(javaLocale);
        Map<String, Object> context = TemplateVariables.prepare(variables, Map.of(
                "locale", used,
                "dir", rightToLeft ? "rtl" : "ltr",
                "date", formats.today(clock.instant(), javaLocale)));

        String subjectFile = TemplateNames.subject(used, templateName);
        String subject = SubjectLine.normalize(evaluate(textEngine, subjectFile, context, javaLocale));
        if (subject.isEmpty()) {
            throw new TemplateException("template " + subjectFile + " rendered an empty subject");
        }
        String htmlFile = TemplateNames.html(used, templateName);
        String html = evaluate(htmlEngine, htmlFile, context, javaLocale);
        String textFile = TemplateNames.text(used, templateName);
        String text = files.exists(textFile)
                ? PlainText.tidy(evaluate(textEngine, textFile, context, javaLocale))
                : derivedText.textOf(htmlFile, javaLocale, context, html,
                        other -> evaluate(htmlEngine, htmlFile, other, javaLocale));
        return new RenderedTemplate(subject, html, text, used, rightToLeft);
    }

    /** True when some locale has the template; for checking the configuration. */
    public boolean exists(String templateName) {
        return !localesWith(templateName).isEmpty();
    }

    /** The locales that have the template (at least its subject and HTML), e.g. {@code [en, fa]}. */
    public SortedSet<String> localesWith(String templateName) {
        TemplateNames.requireValid(templateName);
        SortedSet<String> locales = new TreeSet<>();
        for (String folder : files.localeFolders()) {
            if (isComplete(folder, templateName)) {
                locales.add(folder);
            }
        }
        return locales;
    }

    /**
     * Compiles every file of the template, in every locale that has it, with the engines that render it:
     * a syntax error (an unclosed tag, an unknown tag) fails here and not at the first mail. Pebble looks
     * filters and variables up only when it renders.
     *
     * @throws TemplateException naming the first file that does not compile
     */
    public void compile(String templateName) {
        for (String locale : localesWith(templateName)) {
            compile(textEngine, TemplateNames.subject(locale, templateName));
            compile(htmlEngine, TemplateNames.html(locale, templateName));
            String textFile = TemplateNames.text(locale, templateName);
            if (files.exists(textFile)) {
                compile(textEngine, textFile);
            }
        }
    }

    public String defaultLocale() {
        return defaultLocale;
    }

    private boolean isComplete(String locale, String templateName) {
        return files.exists(TemplateNames.subject(locale, templateName))
                && files.exists(TemplateNames.html(locale, templateName));
    }

    private static void compile(PebbleEngine engine, String file) {
        try {
            engine.getTemplate(file);
        } catch (PebbleException e) {
            throw new TemplateException("template " + file + " does not compile: " + e.getMessage(), e);
        }
    }

    private static String evaluate(PebbleEngine engine, String file, Map<String, Object> context, Locale locale) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(file).evaluate(out, context, locale);
        } catch (AttributeNotFoundException e) {
            String usedAt = Objects.requireNonNullElse(e.getFileName(), file) + " line " + e.getLineNumber();
            throw new MissingVariableException(e.getAttributeName(), file, usedAt, e);
        } catch (PebbleException e) {
            throw new TemplateException("template " + file + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
