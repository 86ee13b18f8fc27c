package berth.distribution.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The next page of a tag list, from the registry's {@code Link} header (RFC 5988, as the distribution spec uses it). */
class TagPagesTest {
    @Test
    void nextPage_isTheLinkTargetWithRelNext_relativeToTheRegistry() {
        assertThat(RemoteRepository.nextPage("</v2/a/b/tags/list?n=100&last=x>; rel=\"next\"")).isEqualTo("v2/a/b/tags/list?n=100&last=x");
        assertThat(RemoteRepository.nextPage("<v2/a/tags/list?last=x>; rel=\"next\"")).isEqualTo("v2/a/tags/list?last=x");
    }

    @Test
    void nextPage_isNullForOtherRelationsAndMalformedHeaders() {
        assertThat(RemoteRepository.nextPage("</v2/a/tags/list?last=x>; rel=\"prev\"")).isNull();
        assertThat(RemoteRepository.nextPage("garbage")).isNull();
        assertThat(RemoteRepository.nextPage(">< rel=\"next\"")).isNull();
    }
}
