package s2n.tls.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import s2n.tls.Config;

/**
 * {@code --keylog FILE}, or the {@code SSLKEYLOGFILE} environment variable when the option is
 * absent, as curl and browsers read it: every connection's secrets are appended to the file in
 * the NSS key log format, for Wireshark or tshark to decrypt a capture. Each line is flushed at
 * once, so a capture can be decrypted while the tool still runs.
 */
final class KeyLogFile {
    static final String ENVIRONMENT_VARIABLE = "SSLKEYLOGFILE";

    private KeyLogFile() {}

    /** The file to log to: the option's, else the environment's; null for none. */
    static Path choose(Path option) {
        if (option != null) {
            return option;
        }
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : Path.of(fromEnvironment);
    }

    /** Makes {@code builder} append key-log lines to {@code file}; nothing when {@code file} is null. */
    static void install(Config.Builder builder, Path file) throws ToolFailure {
        if (file == null) {
            return;
        }
        Writer out;
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ToolFailure("cannot open key log " + file + ": " + e.getMessage());
        }
        builder.keyLogCallback((connection, line) -> {
            synchronized (out) {
                try {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write key log " + file, e);
                }
            }
        });
    }
}
