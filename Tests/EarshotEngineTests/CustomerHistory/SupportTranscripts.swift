import EarshotTestSupport
import Foundation

/// Realistic inputs for the centers and customer-history tests: e-mail threads (one mbox per
/// thread, the customer writing first and an agent of Acme Broadband answering) and a twcs-style
/// tweet export, with the customers coming back about the same or another problem.
enum SupportTranscripts {
  /// One e-mail thread: the customer's message and the agent's reply an hour later.
  struct Thread {
    var file: String
    var customer: String
    var customerName: String
    var agent: String
    var subject: String
    var problem: String
    var reply: String
    var day: Int
  }

  /// Acme's agents: Carl in the Lisbon center, Dana in Porto.
  static let carl = "carl@lisbon.acme-broadband.com"
  static let dana = "dana@porto.acme-broadband.com"

  /// Jane comes back twice about her router (days 4, 6, 8: a chain), writes once about her bill
  /// (day 5: another problem), and writes her address in another case each time; Bob asks about
  /// a parcel twice, 19 days apart (outside the week).
  static let threads: [Thread] = [
    Thread(
      file: "a-router.mbox", customer: "jane.doe@example.org", customerName: "Jane Doe", agent: carl,
      subject: "Router keeps dropping the connection",
      problem: "Hello, my router keeps dropping the internet connection every evening since Friday. Can you fix it?",
      reply: "Hi Jane, I have restarted your line from our side. It should be stable now.", day: 4),
    Thread(
      file: "b-bill.mbox", customer: "Jane.Doe@example.org", customerName: "Jane Doe", agent: dana,
      subject: "Invoice charged twice",
      problem: "Hi, my March invoice was charged twice to my credit card. Please refund the duplicate payment.",
      reply: "Hello Jane, I have refunded the duplicate payment; you will see it within five days.", day: 5),
    Thread(
      file: "c-router-again.mbox", customer: "JANE.DOE@EXAMPLE.ORG", customerName: "Jane Doe", agent: dana,
      subject: "Still no internet in the evening",
      problem: "The router is still dropping the internet connection every evening. Nothing changed after the restart.",
      reply: "Hi Jane, I am sorry. I have booked a technician to replace the router on Monday.", day: 6),
    Thread(
      file: "d-router-third.mbox", customer: "jane.doe@example.org", customerName: "Jane Doe", agent: carl,
      subject: "Connection dropping again",
      problem: "Third time I write: the connection keeps dropping in the evening and the router lights go red.",
      reply: "Hello Jane, the technician will bring a new router tomorrow morning.", day: 8),
    Thread(
      file: "e-parcel.mbox", customer: "bob.stone@example.net", customerName: "Bob Stone", agent: carl,
      subject: "Parcel tracking", problem: "My parcel tracking number has not updated for a week. Where is the modem?",
      reply: "Hi Bob, the courier lost the parcel; a new modem ships today.", day: 1),
    Thread(
      file: "f-parcel-later.mbox", customer: "bob.stone@example.net", customerName: "Bob Stone", agent: carl,
      subject: "Parcel tracking again",
      problem: "The parcel tracking number for the new modem has not updated either. Where is it?",
      reply: "Hi Bob, it is out for delivery today.", day: 20),
  ]

  static func date(day: Int, hour: Int) -> String {
    String(format: "Mon, %02d Mar 2024 %02d:00:00 +0000", day, hour)
  }

  /// The thread as an mbox file.
  static func mbox(_ thread: Thread) -> String {
    let id = "<\(thread.file)@example.org>"
    let customerLine = "\(thread.customerName) <\(thread.customer)>"
    let agentName = thread.agent.split(separator: "@")[0].capitalized
    return """
      From \(thread.customer) Mon Mar  4 09:00:00 2024
      From: \(customerLine)
      To: support@acme-broadband.com
      Subject: \(thread.subject)
      Date: \(date(day: thread.day, hour: 9))
      Message-ID: \(id)

      \(thread.problem)

      \(thread.customerName.split(separator: " ")[0])

      From \(thread.agent) Mon Mar  4 10:00:00 2024
      From: \(agentName) <\(thread.agent)>
      To: \(customerLine)
      Subject: Re: \(thread.subject)
      Date: \(date(day: thread.day, hour: 10))
      Message-ID: <reply-\(thread.file)@acme-broadband.com>
      In-Reply-To: \(id)

      \(thread.reply)

      \(agentName)

      """
  }

  /// A twcs-style export: customer 90001 tweets AcmeHelp about slow fibre on 1 March and again,
  /// about the same problem, the next day; customer 90002 asks once about a password.
  static let tweets = """
    tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
    501,90001,True,Fri Mar 01 08:00:00 +0000 2024,"@AcmeHelp my fibre speed is terribly slow tonight, barely 2 mbps on the speed test",502,
    502,AcmeHelp,False,Fri Mar 01 08:05:00 +0000 2024,"@90001 Sorry about that! We reset your fibre port; the speed should be back within the hour. ^JK",,501
    601,90001,True,Sat Mar 02 08:00:00 +0000 2024,"@AcmeHelp fibre still slow today, speed test shows 3 mbps again",602,
    602,AcmeHelp,False,Sat Mar 02 08:10:00 +0000 2024,"@90001 We have sent an engineer to check the fibre cabinet this afternoon. ^MB",,601
    701,90002,True,Sat Mar 02 09:00:00 +0000 2024,"@AcmeHelp how do I reset my account password?",702,
    702,AcmeHelp,False,Sat Mar 02 09:03:00 +0000 2024,"@90002 Go to Settings > Security > Reset password and follow the e-mail link. ^JK",,701

    """

  /// The configuration: Acme's agent domains, a center per agent domain, one for the social
  /// team (by company), customers known by e-mail address and by handle.
  static let configuration = """
    version: 1
    agents:
      domains: [lisbon.acme-broadband.com, porto.acme-broadband.com]
    companies:
      by_domain:
        lisbon.acme-broadband.com: Acme Broadband
        porto.acme-broadband.com: Acme Broadband
    centers:
      rules:
        - center: Lisbon
          agent_domain: lisbon.acme-broadband.com
        - center: Porto
          agent_domain: acme-broadband.com
        - center: Social
          company: acmehelp
    customers:
      identities: [email, handle]
      repeat_window_days: 7
      min_shared_terms: 2

    """

  /// Writes every input into `folder`: the threads under `mail/`, the tweets as `twitter/tweets.csv`.
  static func write(into folder: TemporaryDirectory) throws {
    for thread in threads { _ = try folder.write("mail/\(thread.file)", mbox(thread)) }
    _ = try folder.write("twitter/tweets.csv", tweets)
  }
}
