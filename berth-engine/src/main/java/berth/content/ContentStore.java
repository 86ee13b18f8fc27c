package berth.content;

/** All roles of the content store together, for the one component that owns it. */
public interface ContentStore extends ContentReader, ContentIngester, ContentManager {}
