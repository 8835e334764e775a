package newsroom.search.node;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;

/**
 * The {@code unique} token filter: drops a token whose term was already seen in the stream, or, with
 * {@code only_on_same_position}, already seen at the same position. Lucene has no such filter (its
 * RemoveDuplicatesTokenFilter only looks at one position); upstream keeps its own, whose behaviour
 * this follows: dropped tokens do not add their position increments to the next kept token.
 */
final class UniqueTokenFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final CharArraySet seen = new CharArraySet(8, false);
    private final boolean onlyOnSamePosition;

    UniqueTokenFilter(TokenStream in, boolean onlyOnSamePosition) {
        super(in);
        this.onlyOnSamePosition = onlyOnSamePosition;
    }

    @Override
    public boolean incrementToken() throws IOException {
        while (input.incrementToken()) {
            char[] buffer = term.buffer();
            int length = term.length();
            boolean duplicate;
            if (onlyOnSamePosition) {
                int increment = posInc.getPositionIncrement();
                if (increment > 0) {
                    seen.clear();
                }
                duplicate = increment == 0 && seen.contains(buffer, 0, length);
            } else {
                duplicate = seen.contains(buffer, 0, length);
            }
            char[] copy = new char[length];
            System.arraycopy(buffer, 0, copy, 0, length);
            seen.add(copy);
            if (duplicate == false) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        seen.clear();
    }
}
