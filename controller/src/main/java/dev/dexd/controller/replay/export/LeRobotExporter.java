package dev.dexd.controller.replay.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBAppender;

/**
 * {@code --format lerobot}: a LeRobot dataset v3.0 directory ({@code meta/info.json},
 * {@code meta/stats.json}, {@code meta/tasks.parquet}, {@code meta/episodes/chunk-000/file-000.parquet},
 * {@code data/chunk-000/file-000.parquet}). One frame per step; one LeRobot episode per run of steps
 * with the same dexd episode number; the task of an episode is the subgoals it started, in order.
 *
 * <p>Features (float32 vectors, names per element): {@code observation.state} the measured joint
 * positions, {@code observation.cube_pose} cube x y z and quaternion w x y z, {@code
 * observation.face_angles} U R F D L B, {@code observation.fingertips} (ff_x .. th_z, hand frame, m)
 * only when the log has a {@code fingertips} field (the run had a fingertip source), {@code action} the targets sent to the hand (after safety); and
 * {@code timestamp} (frame_index / fps), {@code frame_index}, {@code episode_index}, {@code index},
 * {@code task_index}. Everything fits one data file (a 45,000-step hour is a few MB).
 */
final class LeRobotExporter {
    static final String CODEBASE_VERSION = "v3.0";
    static final String ROBOT_TYPE = "shadow_hand";
    static final int CHUNKS_SIZE = 1000;
    static final String DATA_PATH = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet";
    static final String DATA_FILE = "data/chunk-000/file-000.parquet";
    static final String EPISODES_FILE = "meta/episodes/chunk-000/file-000.parquet";
    static final String NO_SUBGOAL = "no subgoal started";

    /** A float32 vector feature gathered from one or more log fields. */
    private record Vector(String key, StepField[] sources, List<String> names) {
        int size() {
            return names.size();
        }
    }

    /** The log's {@code fingertips} field element by element: FF MF RF LF TH, x y z each (hand frame, m). */
    static final List<String> FINGERTIP_NAMES = fingertipNames();

    private static List<String> fingertipNames() {
        List<String> names = new ArrayList<>();
        for (String tip : new String[] {"ff", "mf", "rf", "lf", "th"}) {
            for (String axis : new String[] {"x", "y", "z"}) {
                names.add(tip + "_" + axis);
            }
        }
        return List.copyOf(names);
    }

    /** The scalar features, in data-file order after the vectors. */
    private static final String[] SCALARS = {"timestamp", "frame_index", "episode_index", "index", "task_index"};

    private static final class Episode {
        final long dexdEpisode;
        final long from;
        final long firstStep;
        long length;
        final FeatureStats[] stats;
        final List<String> subgoals = new ArrayList<>();
        int taskIndex;

        Episode(long dexdEpisode, long from, long firstStep, FeatureStats[] stats) {
            this.dexdEpisode = dexdEpisode;
            this.from = from;
            this.firstStep = firstStep;
            this.stats = stats;
        }
    }

    private final Path out;
    private final List<Episode> episodes = new ArrayList<>();
    private final List<long[]> subgoalSteps = new ArrayList<>();
    private final List<String> subgoalTexts = new ArrayList<>();
    private HeaderRecord header;
    private List<Vector> vectors;
    private StepField episodeField;
    private StepField stepField;
    private float[][] row;
    private DuckDBAppender appender;
    private long index;
    private long frame;

    private LeRobotExporter(Path out) {
        this.out = out;
    }

    static long export(Path log, Path out, LongConsumer progress) throws Exception {
        return new LeRobotExporter(out).run(log, progress);
    }

    private long run(Path log, LongConsumer progress) throws Exception {
        Files.createDirectories(out.resolve("meta/episodes/chunk-000"));
        Files.createDirectories(out.resolve("data/chunk-000"));
        try (DuckDb db = DuckDb.open()) {
            long steps;
            try {
                steps = LogScan.scan(log, new LogScan.Visitor() {
                    @Override
                    public void header(HeaderRecord h) throws Exception {
                        start(db, h);
                    }

                    @Override
                    public void step(StepRecord s) throws Exception {
                        frame(s);
                    }

                    @Override
                    public void event(EventRecord e) {
                        if (e.type() == EventType.SUBGOAL_START) {
                            subgoalSteps.add(new long[] {e.step()});
                            subgoalTexts.add(subgoal(e.text()));
                        }
                    }
                }, progress);
            } finally {
                if (appender != null) {
                    appender.close();
                }
            }
            assignTasks();
            writeData(db);
            writeEpisodes(db);
            writeTasks(db);
        }
        writeJson();
        return index;
    }

    private void start(DuckDb db, HeaderRecord h) throws Exception {
        header = h;
        StepLayout l = h.layout();
        vectors = new ArrayList<>();
        vectors.add(new Vector("observation.state", new StepField[] {l.field("joint_positions")}, h.jointNames()));
        vectors.add(new Vector("observation.cube_pose", new StepField[] {l.field("cube_pos"), l.field("cube_quat")},
            List.of("x", "y", "z", "qw", "qx", "qy", "qz")));
        vectors.add(new Vector("observation.face_angles", new StepField[] {l.field("face_angles")},
            List.of("U", "R", "F", "D", "L", "B")));
        StepField tips = l.findField("fingertips");
        if (tips != null) {
            vectors.add(new Vector("observation.fingertips", new StepField[] {tips}, FINGERTIP_NAMES));
        }
        vectors.add(new Vector("action", new StepField[] {l.field("commanded_targets")}, h.actuatorNames()));
        episodeField = l.field("episode");
        stepField = l.field("step");
        row = new float[vectors.size()][];
        StringBuilder ddl = new StringBuilder("CREATE TABLE frames (");
        for (int v = 0; v < vectors.size(); v++) {
            row[v] = new float[vectors.get(v).size()];
            ddl.append(DuckDb.id(vectors.get(v).key())).append(" FLOAT[").append(row[v].length).append("], ");
        }
        ddl.append("timestamp FLOAT, frame_index BIGINT, episode_index BIGINT, \"index\" BIGINT)");
        db.execute(ddl.toString());
        appender = db.connection().createAppender("main", "frames");
    }

    private void frame(StepRecord s) throws Exception {
        long dexdEpisode = episodeField.getLong(s);
        Episode e = episodes.isEmpty() ? null : episodes.get(episodes.size() - 1);
        if (e == null || e.dexdEpisode != dexdEpisode) {
            FeatureStats[] stats = new FeatureStats[vectors.size() + SCALARS.length];
            for (int v = 0; v < vectors.size(); v++) {
                stats[v] = new FeatureStats(vectors.get(v).size());
            }
            for (int k = 0; k < SCALARS.length; k++) {
                stats[vectors.size() + k] = new FeatureStats(1);
            }
            e = new Episode(dexdEpisode, index, stepField.getLong(s), stats);
            episodes.add(e);
            frame = 0;
        }
        float timestamp = (float) (frame * (header.periodNanos() / 1e9));
        appender.beginRow();
        for (int v = 0; v < vectors.size(); v++) {
            float[] values = row[v];
            int at = 0;
            for (StepField f : vectors.get(v).sources()) {
                for (int i = 0; i < f.count(); i++) {
                    values[at++] = (float) f.getDouble(s, i);
                }
            }
            appender.append(values);
            e.stats[v].add(values);
        }
        appender.append(timestamp).append(frame).append((long) (episodes.size() - 1)).append(index);
        appender.endRow();
        int k = vectors.size();
        e.stats[k].add(timestamp);
        e.stats[k + 1].add(frame);
        e.stats[k + 2].add(episodes.size() - 1);
        e.stats[k + 3].add(index);
        e.length++;
        frame++;
        index++;
    }

    /** "subgoal 3: ROTATE U CW" -> "ROTATE U CW". */
    private static String subgoal(String text) {
        int colon = text.indexOf(": ");
        return colon < 0 ? text : text.substring(colon + 2);
    }

    /** Each subgoal goes to the episode it started in (by step); equal subgoal lists share a task. */
    private final Map<String, Integer> tasks = new LinkedHashMap<>();

    private void assignTasks() {
        for (int i = 0; i < subgoalTexts.size(); i++) {
            long step = subgoalSteps.get(i)[0];
            Episode owner = null;
            for (Episode e : episodes) {
                if (owner == null || e.firstStep <= step) {
                    owner = e;
                }
            }
            if (owner != null) {
                owner.subgoals.add(subgoalTexts.get(i));
            }
        }
        for (Episode e : episodes) {
            String task = e.subgoals.isEmpty() ? NO_SUBGOAL : String.join(", ", e.subgoals);
            e.taskIndex = tasks.computeIfAbsent(task, t -> tasks.size());
            FeatureStats t = e.stats[vectors.size() + 4];
            for (long i = 0; i < e.length; i++) {
                t.add(e.taskIndex);
            }
        }
    }

    private void writeData(DuckDb db) throws Exception {
        db.execute("CREATE TABLE episode_tasks (episode_index BIGINT, task_index BIGINT)");
        try (DuckDBAppender a = db.connection().createAppender("main", "episode_tasks")) {
            for (int i = 0; i < episodes.size(); i++) {
                a.beginRow().append((long) i).append((long) episodes.get(i).taskIndex).endRow();
            }
        }
        StringBuilder q = new StringBuilder("SELECT ");
        for (Vector v : vectors) {
            q.append(DuckDb.id(v.key())).append(", ");
        }
        q.append("timestamp, frame_index, episode_index, \"index\", task_index FROM frames JOIN episode_tasks"
            + " USING (episode_index) ORDER BY \"index\"");
        db.copyToParquet(q.toString(), out.resolve(DATA_FILE));
    }

    private List<String> featureKeys() {
        List<String> keys = new ArrayList<>();
        vectors.forEach(v -> keys.add(v.key()));
        keys.addAll(List.of(SCALARS));
        return keys;
    }

    private void writeEpisodes(DuckDb db) throws Exception {
        List<String> keys = featureKeys();
        StringBuilder ddl = new StringBuilder("CREATE TABLE episodes (episode_index BIGINT, task VARCHAR, length BIGINT,"
            + " \"data/chunk_index\" BIGINT, \"data/file_index\" BIGINT, dataset_from_index BIGINT,"
            + " dataset_to_index BIGINT, \"meta/episodes/chunk_index\" BIGINT, \"meta/episodes/file_index\" BIGINT");
        for (String k : keys) {
            for (String s : new String[] {"min", "max", "mean", "std"}) {
                ddl.append(", ").append(DuckDb.id("stats/" + k + "/" + s)).append(" DOUBLE[]");
            }
            ddl.append(", ").append(DuckDb.id("stats/" + k + "/count")).append(" BIGINT[]");
        }
        db.execute(ddl.append(')').toString());
        List<String> taskTexts = new ArrayList<>(tasks.keySet());
        try (DuckDBAppender a = db.connection().createAppender("main", "episodes")) {
            for (int i = 0; i < episodes.size(); i++) {
                Episode e = episodes.get(i);
                a.beginRow().append((long) i).append(taskTexts.get(e.taskIndex)).append(e.length).append(0L).append(0L)
                    .append(e.from).append(e.from + e.length).append(0L).append(0L);
                for (FeatureStats s : e.stats) {
                    a.append(s.min()).append(s.max()).append(s.mean()).append(s.std()).append(new long[] {s.count()});
                }
                a.endRow();
            }
        }
        db.copyToParquet("SELECT episode_index, [task] AS tasks, * EXCLUDE (episode_index, task) FROM episodes"
            + " ORDER BY episode_index", out.resolve(EPISODES_FILE));
    }

    private void writeTasks(DuckDb db) throws Exception {
        db.execute("CREATE TABLE tasks (task_index BIGINT, task VARCHAR)");
        try (DuckDBAppender a = db.connection().createAppender("main", "tasks")) {
            for (Map.Entry<String, Integer> t : tasks.entrySet()) {
                a.beginRow().append((long) t.getValue()).append(t.getKey()).endRow();
            }
        }
        db.copyToParquet("SELECT * FROM tasks ORDER BY task_index", out.resolve("meta/tasks.parquet"));
    }

    private void writeJson() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> features = new LinkedHashMap<>();
        for (Vector v : vectors) {
            features.put(v.key(), feature("float32", v.size(), v.names()));
        }
        features.put("timestamp", feature("float32", 1, null));
        for (String k : List.of("frame_index", "episode_index", "index", "task_index")) {
            features.put(k, feature("int64", 1, null));
        }
        double fps = 1e9 / header.periodNanos();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("codebase_version", CODEBASE_VERSION);
        info.put("robot_type", ROBOT_TYPE);
        info.put("total_episodes", episodes.size());
        info.put("total_frames", index);
        info.put("total_tasks", tasks.size());
        info.put("chunks_size", CHUNKS_SIZE);
        info.put("data_files_size_in_mb", 100);
        info.put("video_files_size_in_mb", 500);
        info.put("fps", fps == Math.rint(fps) ? (Object) (long) fps : (Object) fps);
        info.put("splits", Map.of("train", "0:" + episodes.size()));
        info.put("data_path", DATA_PATH);
        info.put("video_path", null);
        info.put("features", features);
        json.writeValue(out.resolve("meta/info.json").toFile(), info);

        List<String> keys = featureKeys();
        Map<String, Object> stats = new LinkedHashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            FeatureStats all = new FeatureStats(k < vectors.size() ? vectors.get(k).size() : 1);
            for (Episode e : episodes) {
                all.merge(e.stats[k]);
            }
            stats.put(keys.get(k), all.toMap());
        }
        json.writeValue(out.resolve("meta/stats.json").toFile(), stats);
    }

    private static Map<String, Object> feature(String dtype, int size, List<String> names) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("dtype", dtype);
        f.put("shape", new int[] {size});
        f.put("names", names);
        return f;
    }
}
