package s2n.tls.internal.jfr;

import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.StackTrace;

/**
 * Records sealed and opened by every connection in the process, as a periodic JFR event (once a
 * second by default). The counters only count while a recording runs: otherwise the record path
 * pays one volatile read per record and nothing else.
 */
@Name("s2n.tls.RecordStatistics")
@Label("TLS Record Statistics")
@Category({"s2n-tls"})
@Description("TLS records and bytes sealed and opened by s2n-tls-java since the last event")
@Period("1 s")
@StackTrace(false)
public final class RecordStatisticsEvent extends Event {
    private static final LongAdder SEALED = new LongAdder();
    private static final LongAdder SEALED_BYTES = new LongAdder();
    private static final LongAdder OPENED = new LongAdder();
    private static final LongAdder OPENED_BYTES = new LongAdder();
    private static volatile boolean counting;
    private static volatile boolean registered;

    @Label("Records Sealed")
    public long recordsSealed;

    @Label("Bytes Sealed")
    @DataAmount
    public long bytesSealed;

    @Label("Records Opened")
    public long recordsOpened;

    @Label("Bytes Opened")
    @DataAmount
    public long bytesOpened;

    /** Whether records are being counted (a recording runs). */
    public static boolean counting() {
        return counting;
    }

    public static void sealed(int bytes) {
        SEALED.increment();
        SEALED_BYTES.add(bytes);
    }

    public static void opened(int bytes) {
        OPENED.increment();
        OPENED_BYTES.add(bytes);
    }

    /**
     * Registers the periodic event and follows recordings starting and stopping, once per
     * process; called when the first connection is made. Without JFR in the runtime (a jlink
     * image without jdk.jfr cannot load this class at all) nothing is counted.
     */
    public static void register() {
        if (registered) {
            return;
        }
        synchronized (RecordStatisticsEvent.class) {
            if (registered) {
                return;
            }
            registered = true;
            FlightRecorder.addPeriodicEvent(RecordStatisticsEvent.class, RecordStatisticsEvent::emit);
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording recording) {
                    counting = anyRunning();
                }
            });
            counting = anyRunning();
        }
    }

    private static boolean anyRunning() {
        if (!FlightRecorder.isInitialized()) {
            return false;
        }
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (r.getState() == RecordingState.RUNNING) {
                return true;
            }
        }
        return false;
    }

    private static void emit() {
        RecordStatisticsEvent e = new RecordStatisticsEvent();
        e.recordsSealed = SEALED.sumThenReset();
        e.bytesSealed = SEALED_BYTES.sumThenReset();
        e.recordsOpened = OPENED.sumThenReset();
        e.bytesOpened = OPENED_BYTES.sumThenReset();
        e.commit();
    }
}
