package berth.build.copy;

import berth.build.dockerfile.Heredoc;
import java.util.List;
import java.util.Optional;

/**
 * One COPY or ADD step with its variables already substituted.
 *
 * @param add         ADD: local tar archives are extracted at the destination; URL sources are refused
 *                    ("berth cannot fetch ... : ADD from a URL needs network access ...")
 * @param sources     the source paths as written (relative to the origin's root; wildcards allowed)
 * @param heredocs    inline files ({@code COPY <<EOF /dest}), named by their delimiter
 * @param destination where to copy, absolute or relative to {@code workdir}; a trailing {@code /} means a directory
 * @param workdir     the image's WORKDIR at this step ({@code /} when unset)
 * @param chown       {@code --chown=user[:group]} (names resolved in the destination's /etc/passwd and /etc/group)
 * @param chmod       {@code --chmod=0755} (octal)
 * @param origin      the build context or a {@code --from} source
 */
public record CopyRequest(boolean add, List<String> sources, List<Heredoc> heredocs, String destination, String workdir,
                          Optional<String> chown, Optional<String> chmod, CopyOrigin origin) {
    public CopyRequest {
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
    }
}
