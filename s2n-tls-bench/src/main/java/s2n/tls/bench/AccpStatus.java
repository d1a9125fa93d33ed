package s2n.tls.bench;

/** Prints whether Amazon Corretto Crypto Provider loads in this JVM, and if not why (for run.sh's report). */
public final class AccpStatus {
    private AccpStatus() {}

    public static void main(String[] args) {
        System.out.println(CryptoProviders.accpStatus());
    }
}
