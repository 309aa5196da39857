@figure9 @setup:figure7
Feature: Figure 9 — trouble tickets across parties
  The driver calls the call center, which opens a master ticket and sends the trouble to the party
  matching its nature. A misdirected ticket is redirected to the right party; the call center follows
  the ticket's progress, tells the driver when it is resolved, and closes the tickets.

  Background:
    Given the simulated clock reads "2026-03-02T08:00:00Z"
    And the car manufacturer is a partner of the CSP

  @steps:9.1,9.2,9.3,9.5,9.6,9.7,9.8
  Scenario: A connectivity trouble is routed to the CSP, resolved and closed
    When the driver calls the call center about "No mobile data connection since this morning"
    Then the call center opened a master ticket for a "connectivity" trouble and sent it to the CSP
    When the CSP's resolution team works on the ticket at "2026-03-02T09:00:00Z"
    And the CSP's resolution team resolves the ticket at "2026-03-02T10:30:00Z": "Cell site restarted"
    Then the call center followed the ticket to "resolved"
    And the driver was told the ticket is resolved: "Cell site restarted"
    And the master ticket and the CSP's ticket are closed
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

  @steps:9.1,9.2,9.3
  Scenario: An infotainment trouble is routed to the car manufacturer
    When the driver calls the call center about "The music streaming app freezes on the screen"
    Then the call center opened a master ticket for a "infotainment" trouble and sent it to the car manufacturer
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

  @steps:9.1,9.2,9.3,9.4,9.5,9.6,9.7,9.8 @branch:misdirected
  Scenario: The CSP redirects a misdirected ticket to the car manufacturer
    When the driver calls the call center about "No mobile data connection in the car"
    And the CSP's resolution team redirects the ticket to the car manufacturer: "the network is fine, the head unit modem does not register"
    Then the CSP's ticket is rejected with the reason "Redirected to car-manufacturer: the network is fine, the head unit modem does not register"
    And the car manufacturer holds a ticket for the trouble related to the CSP's
    And the master ticket follows the trouble to the car manufacturer
    When the car manufacturer's resolution team works on the ticket at "2026-03-02T09:00:00Z"
    And the car manufacturer's resolution team resolves the ticket at "2026-03-02T10:00:00Z": "Modem firmware updated"
    Then the driver was told the ticket is resolved: "Modem firmware updated"
    And the master ticket and the car manufacturer's ticket are closed
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

  @steps:9.1,9.2,9.3,9.4 @branch:misdirected
  Scenario: A ticket cannot be redirected back to where it came from
    When the driver calls the call center about "No mobile data connection in the car"
    And the CSP's resolution team redirects the ticket to the car manufacturer: "the head unit modem does not register"
    And the car manufacturer's resolution team tries to redirect the ticket back to the CSP: "looks like a network problem"
    Then the answer is a TMF error with status 409
    And the answer says "Redirect ping-pong"
    And the car manufacturer's ticket is unchanged
    And the master ticket follows the trouble to the car manufacturer
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

  @steps:9.1,9.2,9.3,9.5,9.6,9.7,9.8
  Scenario: A closed ticket cannot be taken up again
    When the driver calls the call center about "No mobile data connection since this morning"
    And the CSP's resolution team resolves the ticket at "2026-03-02T09:00:00Z": "Cell site restarted"
    And the CSP's resolution team tries to move the ticket to "inProgress"
    Then the answer is a TMF error with status 409
    And the answer says "Illegal status transition"
    And the CSP's ticket is unchanged
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers
