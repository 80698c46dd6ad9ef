/// Finds lowercase ASCII phrases in UTF-8 text, ignoring ASCII case, without building lowercased
/// strings: detectors run these checks on every sentence, where `lowercased().contains(_:)`
/// (a Foundation search over a new string) cost more than the detection itself.
public enum ByteSearch {
  /// The first byte range of `phrase` (lowercase ASCII) in `range` of `bytes`, ignoring ASCII case;
  /// with `wholeWords`, only where no ASCII letter or digit touches it on either side.
  public static func firstRange(
    of phrase: String, in bytes: [UInt8], within range: Range<Int>? = nil, wholeWords: Bool = false
  ) -> Range<Int>? {
    var phrase = phrase
    let range = range ?? 0..<bytes.count
    // The phrase's own UTF-8 storage, not a copy: this runs for every sentence.
    return phrase.withUTF8 { needle in
      guard !needle.isEmpty, range.count >= needle.count else {
        return needle.isEmpty ? range.lowerBound..<range.lowerBound : nil
      }
      return search(needle, in: bytes, range, wholeWords: wholeWords)
    }
  }

  private static func search(
    _ needle: UnsafeBufferPointer<UInt8>, in bytes: [UInt8], _ range: Range<Int>, wholeWords: Bool
  ) -> Range<Int>? {
    bytes.withUnsafeBufferPointer { haystack in
      let first = needle[0]
      var start = range.lowerBound
      let last = range.upperBound - needle.count
      while start <= last {
        if ASCII.lowercase(haystack[start]) == first {
          var offset = 1
          while offset < needle.count, ASCII.lowercase(haystack[start + offset]) == needle[offset] { offset += 1 }
          if offset == needle.count {
            let end = start + needle.count
            let bounded =
              !wholeWords
              || ((start == 0 || !ASCII.isWordByte(haystack[start - 1]))
                && (end == haystack.count || !ASCII.isWordByte(haystack[end])))
            if bounded { return start..<end }
          }
        }
        start += 1
      }
      return nil
    }
  }

  /// Whether `phrase` (lowercase ASCII) occurs in `range` of `bytes`, ignoring ASCII case.
  public static func contains(
    _ phrase: String, in bytes: [UInt8], within range: Range<Int>? = nil, wholeWords: Bool = false
  ) -> Bool {
    firstRange(of: phrase, in: bytes, within: range, wholeWords: wholeWords) != nil
  }
}
