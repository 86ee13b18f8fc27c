package berth.cli.opts;

import java.math.BigDecimal;
import java.math.BigInteger;

/** --cpus: a decimal ("1.5") or a fraction ("3/2") of CPUs, sent as NanoCpus (docker's opts.NanoCPUs). */
public final class Cpus {
    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);

    private Cpus() {}

    public static long nanoCpus(String s) {
        BigDecimal value;
        try {
            int slash = s.indexOf('/');
            if (slash >= 0) {
                BigInteger num = new BigInteger(s.substring(0, slash));
                BigInteger den = new BigInteger(s.substring(slash + 1));
                if (den.signum() == 0) {
                    throw new NumberFormatException();
                }
                BigDecimal nano = new BigDecimal(num).multiply(NANOS);
                BigDecimal[] qr = nano.divideAndRemainder(new BigDecimal(den));
                if (qr[1].signum() != 0) {
                    throw new BadValueException("value is too precise");
                }
                return qr[0].longValueExact();
            }
            value = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadValueException("failed to parse " + s + " as a rational number");
        }
        BigDecimal nano = value.multiply(NANOS);
        if (nano.stripTrailingZeros().scale() > 0) {
            throw new BadValueException("value is too precise");
        }
        return nano.longValue();
    }
}
