import EarshotDetectors
import EarshotEvaluation
import Foundation
import Testing

@Suite struct AnswerEvaluationTests {
  static func thread(_ id: String, skip: String? = nil, question: String, comments: [(String, String, String)])
    -> String
  {
    let skipAttribute = skip.map { " SubtaskA_Skip_Because_Same_As_RelQuestion_ID=\"\($0)\"" } ?? ""
    var xml = """
      <OrgQuestion ORGQ_ID="\(id.prefix(2))"><OrgQSubject>org</OrgQSubject><OrgQBody>org</OrgQBody>
      <Thread THREAD_SEQUENCE="\(id)"\(skipAttribute)>
      <RelQuestion RELQ_ID="\(id)" RELQ_RANKING_ORDER="1" RELQ_CATEGORY="Qatar Living Lounge" \
      RELQ_DATE="2010-01-01 10:00:00" RELQ_USERID="U1" RELQ_USERNAME="asker" RELQ_RELEVANCE2ORGQ="Relevant">
      <RelQSubject>\(question)</RelQSubject><RelQBody>\(question)</RelQBody></RelQuestion>

      """
    for (number, (user, label, text)) in comments.enumerated() {
      xml += """
        <RelComment RELC_ID="\(id)_C\(number + 1)" RELC_DATE="2010-01-01 11:00:00" RELC_USERID="\(user)" \
        RELC_USERNAME="\(user.lowercased())" RELC_RELEVANCE2ORGQ="Bad" RELC_RELEVANCE2RELQ="\(label)">
        <RelCText>\(text)</RelCText></RelComment>

        """
    }
    return xml + "</Thread></OrgQuestion>\n"
  }

  @Test func copiesOfAThreadUnderAnotherIdAreScoredOnce() throws {
    let licence = [
      ("U2", "Good", "You can renew it at the traffic department; it costs QR 250."),
      ("U3", "Bad", "lol good luck"),
    ]
    let xml =
      "<xml>\n"
      + Self.thread("Q1_R1", question: "Where do I renew my driving licence?", comments: licence)
      + Self.thread("Q2_R4", skip: "Q1_R1", question: "Where do I renew my driving licence?", comments: licence)
      + Self.thread(
        "Q2_R5", question: "Any good beaches near Doha?",
        comments: [("U4", "Good", "Try Sealine beach, about an hour south of Doha.")])
      + "</xml>\n"
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-answers-\(UUID().uuidString).xml")
    try xml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }

    let threads = try AnswerEvaluation.threads(at: url.path, resources: try AnalysisResources.loadDefault())
    #expect(threads.count == 2)
    let csv = AnswerEvaluation.featureCSV(threads).split(separator: "\n")
    #expect(csv.first?.hasSuffix(",answer_terms,terms") == true)
    #expect(csv.count == 1 + 3)
    // The last column holds the reply's lexicon terms (stems, pairs of stems and the opening),
    // quoted because number tokens keep their separators ("1,500").
    let row = try #require(csv.dropFirst().first)
    let quote = try #require(row.firstIndex(of: "\""))
    #expect(row.hasSuffix("\""))
    let answerTerms = row[row.index(after: quote)..<row.index(before: row.endIndex)]
    #expect(answerTerms.split(separator: "|").contains("you can"))
    #expect(answerTerms.split(separator: "|").contains("^you"))
  }
}
