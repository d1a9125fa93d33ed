package s2n.tls.internal.crypto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry behind a 16-bit code-point value type ({@link CipherSuite}, {@link NamedGroup},
 * {@link SignatureScheme}): the named constants by code and by name, in declaration order.
 * Filled during the owning class's static initialisation and read-only afterwards.
 */
final class CodePointTable<T> {
    private final String what;
    private final Function<T, String> name;
    private final Function<T, String> alias;
    private final Map<Integer, T> byCode = new LinkedHashMap<>();

    /**
     * @param what what a value is called in messages, e.g. "cipher suite"
     * @param alias a second name {@link #byName} accepts (OpenSSL's, for suites); null for none
     */
    CodePointTable(String what, Function<T, String> name, Function<T, String> alias) {
        this.what = what;
        this.name = name;
        this.alias = alias;
    }

    /** Adds a named constant; returns it, for use in a static field initialiser. */
    T register(int code, T value) {
        if (byCode.putIfAbsent(code, value) != null) {
            throw new IllegalStateException(what + " code " + hexName(code) + " registered twice");
        }
        return value;
    }

    /**
     * The named constant with this code, or {@code null} if it has none.
     *
     * @throws IllegalArgumentException if {@code code} is not a 16-bit value
     */
    T lookup(int code) {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException(what + " is a 16-bit value: " + code);
        }
        return byCode.get(code);
    }

    /**
     * The named constant called {@code n}.
     *
     * @throws IllegalArgumentException naming the known values, if none is called {@code n}
     */
    T byName(String n) {
        for (T t : byCode.values()) {
            if (name.apply(t).equals(n) || (alias != null && alias.apply(t).equals(n))) {
                return t;
            }
        }
        List<String> names = new ArrayList<>();
        for (T t : byCode.values()) {
            names.add(name.apply(t));
        }
        throw new IllegalArgumentException("unknown " + what + " \"" + n + "\"; known: " + String.join(", ", names));
    }

    /** Every named constant, in declaration order, unmodifiable. */
    List<T> known() {
        return Collections.unmodifiableList(new ArrayList<>(byCode.values()));
    }

    /** How a value without a name prints: {@code 0x1234}. */
    static String hexName(int code) {
        return String.format(Locale.ROOT, "0x%04X", code);
    }
}
