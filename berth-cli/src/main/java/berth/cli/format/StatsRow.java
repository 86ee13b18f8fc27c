package berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One container's line of {@code stats}, computed from a {@code GET /containers/{id}/stats} reply with
 * docker's formulas: CPU % from the cpu_stats/precpu_stats deltas scaled by online CPUs, memory as
 * usage minus inactive file cache, network and block I/O summed over interfaces and devices.
 */
public record StatsRow(String container, String id, String name, double cpuPercent, double memUsage, double memLimit,
        double memPercent, double netRx, double netTx, double blockRead, double blockWrite, long pids, boolean noTrunc,
        boolean empty) implements TemplateData {

    public static final String DEFAULT_TABLE = "{{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    public static final Map<String, String> HEADERS = Map.of("Container", "CONTAINER", "ID", "CONTAINER ID", "Name", "NAME",
            "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O", "BlockIO", "BLOCK I/O",
            "PIDs", "PIDS");
    private static final List<String> FIELDS = List.of("BlockIO", "CPUPerc", "Container", "ID", "MemPerc", "MemUsage",
            "Name", "NetIO", "PIDs");

    /** A container with no sample yet: docker shows "--" in its columns. */
    public static StatsRow waiting(String container, String id, boolean noTrunc) {
        return new StatsRow(container, id, "--", 0, 0, 0, 0, 0, 0, 0, 0, 0, noTrunc, true);
    }

    public static StatsRow of(String container, JsonNode s, boolean noTrunc) {
        JsonNode cpu = s.path("cpu_stats");
        JsonNode pre = s.path("precpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble(0) - pre.path("cpu_usage").path("total_usage").asDouble(0);
        double systemDelta = cpu.path("system_cpu_usage").asDouble(0) - pre.path("system_cpu_usage").asDouble(0);
        double online = cpu.path("online_cpus").asDouble(0);
        if (online == 0) {
            online = cpu.path("cpu_usage").path("percpu_usage").size();
        }
        double cpuPercent = systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100.0 : 0;

        JsonNode mem = s.path("memory_stats");
        double usage = mem.path("usage").asDouble(0);
        double limit = mem.path("limit").asDouble(0);
        double used = usage;
        JsonNode st = mem.path("stats");
        if (st.has("total_inactive_file") && st.path("total_inactive_file").asDouble() < usage) {
            used = usage - st.path("total_inactive_file").asDouble(); // cgroup v1
        } else if (st.path("inactive_file").asDouble(0) < usage) {
            used = usage - st.path("inactive_file").asDouble(0); // cgroup v2
        }
        double memPercent = limit != 0 ? used / limit * 100.0 : 0;

        double rx = 0;
        double tx = 0;
        for (JsonNode n : s.path("networks")) {
            rx += n.path("rx_bytes").asDouble(0);
            tx += n.path("tx_bytes").asDouble(0);
        }
        double read = 0;
        double write = 0;
        for (JsonNode b : s.path("blkio_stats").path("io_service_bytes_recursive")) {
            String op = b.path("op").asText("");
            if (op.isEmpty()) {
                continue;
            }
            switch (Character.toLowerCase(op.charAt(0))) {
                case 'r' -> read += b.path("value").asDouble(0);
                case 'w' -> write += b.path("value").asDouble(0);
                default -> { }
            }
        }
        String name = s.path("name").asText("");
        return new StatsRow(container, s.path("id").asText(""), name.startsWith("/") ? name.substring(1) : name, cpuPercent,
                used, limit, memPercent, rx, tx, read, write, s.path("pids_stats").path("current").asLong(0), noTrunc, false);
    }

    @Override
    public Object field(String f) {
        return switch (f) {
            case "Container" -> container;
            case "ID" -> noTrunc || id.length() <= 12 ? id : id.substring(0, 12);
            case "Name" -> name;
            case "CPUPerc" -> empty ? "--" : percent(cpuPercent);
            case "MemUsage" -> empty ? "-- / --" : HumanUnits.binarySize(memUsage) + " / " + HumanUnits.binarySize(memLimit);
            case "MemPerc" -> empty ? "--" : percent(memPercent);
            case "NetIO" -> empty ? "--" : HumanUnits.size(netRx) + " / " + HumanUnits.size(netTx);
            case "BlockIO" -> empty ? "--" : HumanUnits.size(blockRead) + " / " + HumanUnits.size(blockWrite);
            case "PIDs" -> empty ? "--" : Long.toString(pids);
            default -> Template.NO_VALUE;
        };
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.2f%%", p);
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : FIELDS) {
            m.put(f, field(f));
        }
        return m;
    }
}
