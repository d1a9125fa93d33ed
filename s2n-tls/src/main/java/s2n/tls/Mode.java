package s2n.tls;

/** Which side of the handshake a {@link Connection} plays (s2n's {@code S2N_CLIENT} / {@code S2N_SERVER}). */
public enum Mode {
    CLIENT,
    SERVER
}
