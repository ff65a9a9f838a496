package dev.dexd.controller.replay.export;

import dev.dexd.controller.channels.RunChannels;
import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * {@code --format mcap}: an MCAP file for Foxglove with the run's channels ({@link RunChannels}, the
 * same the live view publishes): {@code /joints}, {@code /targets}, {@code /cube_pose} (a
 * {@code foxglove.PoseInFrame}), {@code /face_angles}, {@code /policy}, {@code /fingertips} when the
 * log has them (a {@code foxglove.PosesInFrame}) and {@code /events}; JSON messages, JSON Schemas,
 * one schema per channel under the channel's id. A message's log time is the run's wall-clock start
 * plus the control time since the run's first step, so Foxglove shows the run's real date.
 */
final class McapExporter {
    private final McapWriter mcap;
    private RunChannels channels;
    private int[] stepChannels;

    private McapExporter(McapWriter mcap) {
        this.mcap = mcap;
    }

    static long export(Path log, Path out, LongConsumer progress) throws Exception {
        return export(log, out, progress, McapWriter.CHUNK_BYTES);
    }

    /** As above with chunks closed at {@code chunkBytes} (tests use small ones to get many). */
    static long export(Path log, Path out, LongConsumer progress, int chunkBytes) throws Exception {
        try (McapWriter w = new McapWriter(out, "dexd", chunkBytes)) {
            McapExporter x = new McapExporter(w);
            return LogScan.scan(log, new LogScan.Visitor() {
                @Override
                public void header(HeaderRecord h) throws Exception {
                    x.start(h);
                }

                @Override
                public void step(StepRecord s) throws Exception {
                    x.step(s);
                }

                @Override
                public void event(EventRecord e) throws Exception {
                    x.event(e);
                }
            }, progress);
        }
    }

    private void start(HeaderRecord h) throws Exception {
        channels = new RunChannels(h);
        stepChannels = channels.stepChannels();
        for (RunChannels.Channel c : channels.channels()) {
            mcap.schema(c.id(), c.schemaName(), c.schema());
        }
        for (RunChannels.Channel c : channels.channels()) {
            mcap.channel(c.id(), c.id(), c.topic());
        }
    }

    private void step(StepRecord s) throws Exception {
        long time = channels.stepTime(s);
        for (int id : stepChannels) {
            int n = channels.step(id, s, time);
            mcap.message(id, time, channels.bytes(), n);
        }
    }

    private void event(EventRecord e) throws Exception {
        int n = channels.event(e);
        mcap.message(RunChannels.EVENTS, channels.eventTime(e), channels.bytes(), n);
    }
}
