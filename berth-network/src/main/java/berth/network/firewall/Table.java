package berth.network.firewall;

/** The two iptables tables berth writes to. */
enum Table {
    FILTER("filter"),
    NAT("nat");

    private final String iptablesName;

    Table(String iptablesName) {
        this.iptablesName = iptablesName;
    }

    String iptablesName() {
        return iptablesName;
    }

    static Table named(String name) {
        for (Table t : values()) {
            if (t.iptablesName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
