@figure9 @setup:figure7
Feature: Figure 9 — the call center's settlement and the OEM's ticket invoice
  At the end of the period the car manufacturer settles the call center: a fee per handled ticket,
  with a bonus for a resolution within 4 hours and a penalty beyond. The call center checks every item
  against its own ticket records and contract, and accepts or disputes item by item; the CSP pays an
  accepted advice when it hears of the acceptance, exactly once. The car manufacturer may
  invoice the CSP per connectivity ticket.

  Background:
    Given the simulated clock reads "2026-03-02T08:00:00Z"
    And the car manufacturer is a partner of the CSP
    And the partners follow the tickets, settlements and bills of figure 9
    And the driver reported "No mobile data connection" on "2026-03-02T08:00:00Z" and the CSP resolved it on "2026-03-02T10:00:00Z"
    And the driver reported "The navigation app crashes" on "2026-03-03T08:00:00Z" and the car manufacturer resolved it on "2026-03-03T14:00:00Z"

  @steps:9.1,9.2,9.3,9.5,9.6,9.7,9.8,9.9,9.10,9.11,9.12,9.13
  Scenario: The call center disputes the one item its own records settle differently; the revision corrects only that item; the CSP pays on the acceptance, once
    When the call center's settlement period "2026-03" ends
    Then the car manufacturer first settled 2 items for "28.50" EUR before tax and "34.20" EUR with tax
    And the item of the CSP's ticket was "16.50" EUR and the item of the car manufacturer's ticket "12.00" EUR
    And the call center accepted the item of the CSP's ticket and disputed the car manufacturer's, due "15.00" EUR because "waits on the car's software fix, outside the call center's control"
    And the settlement was revised to "31.50" EUR before tax and "37.80" EUR with tax: the CSP's item still "16.50" EUR, the car manufacturer's "15.00" EUR
    And the call center received one payment of "37.80" EUR for the settlement
    And the settlement note advice is "paid"
    When the CSP tries to pay the settlement
    Then the answer is a TMF error with status 409
    And the answer says "Already paid"
    And the call center received one payment of "37.80" EUR for the settlement
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

  @steps:9.1,9.2,9.3,9.5,9.6,9.7,9.8,9.9,9.10,9.11,9.12,9.13
  Scenario: A ticket resolved in exactly 4 hours still earns the bonus
    # The fee is 15.00 EUR a ticket, +10 % within 4 h (16.50), -20 % beyond (12.00); tax 20 %.
    # 2 h → 16.50, 6 h → 12.00, exactly 4 h → 16.50: 45.00 EUR before tax, 54.00 EUR with tax.
    Given the driver reported "No mobile data connection in the tunnel" on "2026-03-04T08:00:00Z" and the CSP resolved it on "2026-03-04T12:00:00Z"
    When the call center's settlement period "2026-03" ends
    Then the car manufacturer first settled 3 items for "45.00" EUR before tax and "54.00" EUR with tax

  @steps:9.1,9.2,9.3,9.5,9.6,9.7,9.8,9.9,9.14 @branch:oem-invoices-csp
  Scenario: The car manufacturer invoices the CSP per connectivity ticket
    When the car manufacturer invoices the CSP for the connectivity tickets of "2026-03"
    Then the CSP retrieved a bill with 1 item for "15.00" EUR before tax and "18.00" EUR with tax
    And the CSP found the bill's items add up to the bill amount
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers
