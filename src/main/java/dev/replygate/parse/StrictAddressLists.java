package dev.replygate.parse;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.field.address.ASTaddress_list;
import org.apache.james.mime4j.field.address.AddressListParser;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;

import java.io.StringReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * mime4j's strict address-list grammar, as {@link DefaultAddressParser} reads it, with one parser per thread.
 *
 * <p>{@code DefaultAddressParser} builds a new JavaCC parser for every field, and each allocates some 50 KB of
 * buffers before it reads a character (a 4 096-character stream buffer with two line and column tables, and a
 * reader's 8 KB byte buffer): three address fields a message made that parser a sixth of everything a backlog
 * allocated (bench/README.md, "Fewer copies of each message"). Here each thread keeps its parser and gives it
 * the next field of up to {@value #MAX_KEPT_FIELD} characters ({@code ReInit}, which keeps the buffers); what
 * the grammar accepts and what it builds are mime4j's own: the same parser class, the same tree-to-address
 * builder, and the same text, which {@code DefaultAddressParser} reads as the UTF-8 bytes of the field decoded
 * with the platform's charset.
 *
 * <p>mime4j's lexer counts the depth of nested comments in a static field that every parser shares, so two
 * fields with comments read at once on two threads could each be refused (or read wrongly) for the other's
 * parentheses. A field with a {@code (} is read by one thread at a time; the others never enter a comment.
 *
 * <p>mime4j's builder of addresses from the parse tree is not public; it is reached through a method handle.
 * Where that fails (another mime4j), every field goes through {@code DefaultAddressParser}, as before.
 */
final class StrictAddressLists {

    private static final MethodHandle BUILD_ADDRESS_LIST = buildAddressList();
    /** Held while a field that may hold a comment is read: see the class comment. */
    private static final Object COMMENT_DEPTH = new Object();
    /**
     * The longest field given to the parser a thread keeps. A longer one (rare: a list of many recipients) gets a
     * parser of its own, so that no thread keeps the buffers, the token text and the tree a long field grew.
     */
    static final int MAX_KEPT_FIELD = 2048;
    private static final ThreadLocal<AddressListParser> PARSERS =
            ThreadLocal.withInitial(() -> new AddressListParser(new StringReader("")));

    private StrictAddressLists() {
    }

    /** Whether fields go through a parser kept per thread (false: mime4j hides its builder, and each gets a new one). */
    static boolean reusesParsers() {
        return BUILD_ADDRESS_LIST != null;
    }

    /** The address list {@code value}, or {@link ParseException} (or mime4j's {@code TokenMgrError}) when it is not well-formed. */
    static AddressList parse(String value) throws ParseException {
        if (value.indexOf('(') < 0) {
            return parseAlone(value);
        }
        synchronized (COMMENT_DEPTH) {
            return parseAlone(value);
        }
    }

    private static AddressList parseAlone(String value) throws ParseException {
        if (BUILD_ADDRESS_LIST == null || value.length() > MAX_KEPT_FIELD) {
            return DefaultAddressParser.DEFAULT.parseAddressList(value, DecodeMonitor.SILENT);
        }
        AddressListParser parser = PARSERS.get();
        parser.ReInit(new StringReader(asDefaultAddressParserReadsIt(value)));
        ASTaddress_list tree = parser.parseAddressList();
        try {
            return (AddressList) BUILD_ADDRESS_LIST.invokeExact(tree, DecodeMonitor.SILENT);
        } catch (ParseException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("mime4j's address builder failed", e);
        }
    }

    /**
     * The characters {@code DefaultAddressParser}'s parser reads: its text's UTF-8 bytes (a lone surrogate
     * written as {@code ?}), decoded with the platform's charset.
     */
    private static String asDefaultAddressParserReadsIt(String value) {
        Charset platform = Charset.defaultCharset();
        if (platform.equals(StandardCharsets.UTF_8) && !hasSurrogate(value)) {
            return value;
        }
        return new String(value.getBytes(StandardCharsets.UTF_8), platform);
    }

    private static boolean hasSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code (tree, monitor) -> Builder.getInstance().buildAddressList(tree, monitor)}, or null when mime4j hides it. */
    private static MethodHandle buildAddressList() {
        try {
            Class<?> builder = Class.forName("org.apache.james.mime4j.field.address.Builder");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(builder, MethodHandles.lookup());
            Object instance = lookup.findStatic(builder, "getInstance", MethodType.methodType(builder)).invoke();
            MethodHandle build = lookup.findVirtual(builder, "buildAddressList",
                    MethodType.methodType(AddressList.class, ASTaddress_list.class, DecodeMonitor.class));
            return build.bindTo(instance).asType(
                    MethodType.methodType(AddressList.class, ASTaddress_list.class, DecodeMonitor.class));
        } catch (Throwable e) {
            return null;
        }
    }
}
