package berth.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    @Test
    void parse_normalisesOfficialImagesToDockerHubLibrary() {
        ImageReference r = ImageReference.parse("busybox").withDefaultTag();
        assertThat(r.toString()).isEqualTo("docker.io/library/busybox:latest");
        assertThat(r.familiarString()).isEqualTo("busybox:latest");
        assertThat(ImageReference.parse("docker.io/library/busybox:1.36").familiarString()).isEqualTo("busybox:1.36");
        assertThat(ImageReference.parse("index.docker.io/library/busybox").familiarName()).isEqualTo("busybox");
    }

    @Test
    void parse_keepsUserReposAndRegistriesWithPorts() {
        assertThat(ImageReference.parse("user/app:v1").toString()).isEqualTo("docker.io/user/app:v1");
        assertThat(ImageReference.parse("user/app:v1").familiarString()).isEqualTo("user/app:v1");
        ImageReference r = ImageReference.parse("127.0.0.1:5000/team/app:v1");
        assertThat(r.domain()).isEqualTo("127.0.0.1:5000");
        assertThat(r.path()).isEqualTo("team/app");
        assertThat(r.familiarString()).isEqualTo("127.0.0.1:5000/team/app:v1");
        assertThat(ImageReference.parse("localhost/app").domain()).isEqualTo("localhost");
        assertThat(ImageReference.parse("localhost:5000/app").familiarName()).isEqualTo("localhost:5000/app");
    }

    @Test
    void parse_readsDigests() {
        String hex = "a".repeat(64);
        ImageReference r = ImageReference.parse("busybox@sha256:" + hex);
        assertThat(r.digest()).isPresent();
        assertThat(r.tag()).isEmpty();
        assertThat(r.withDefaultTag()).isEqualTo(r);
        assertThat(r.familiarString()).isEqualTo("busybox@sha256:" + hex);
    }

    @Test
    void parse_rejectsUppercaseRepositoryWithDockersMessage() {
        assertInvalid("Busybox", "invalid reference format: repository name must be lowercase");
        assertInvalid("user/App:v1", "invalid reference format: repository name must be lowercase");
        // an uppercase registry host is fine, an uppercase tag too
        assertThat(ImageReference.parse("Registry.Example.com/app:V1").tag()).hasValue("V1");
    }

    @Test
    void parse_rejectsMalformedReferences() {
        assertInvalid("busybox:", "invalid reference format");
        assertInvalid("bu$ybox", "invalid reference format");
        assertInvalid("busybox:-bad", "invalid reference format");
        assertInvalid("a//b", "invalid reference format");
        assertInvalid("busybox:" + "t".repeat(129), "invalid reference format");
        assertInvalid("", "invalid reference format: repository name must have at least one component");
        assertInvalid("a".repeat(64).replace('a', 'b'), "invalid repository name");
    }

    @Test
    void withTag_validatesTheTag() {
        ImageReference r = ImageReference.parse("app");
        assertThat(r.withTag("v1.0_rc-2").toString()).isEqualTo("docker.io/library/app:v1.0_rc-2");
        assertThatThrownBy(() -> r.withTag(".bad")).isInstanceOf(BerthException.class).hasMessageStartingWith("invalid tag format");
    }

    private static void assertInvalid(String ref, String messagePrefix) {
        assertThatThrownBy(() -> ImageReference.parse(ref)).isInstanceOf(BerthException.class)
                .hasMessageStartingWith(messagePrefix)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }
}
