@figure7
Feature: Figure 7 — product setup and billing
  The car manufacturer buys the CSP's connectivity and split billing offers, is onboarded with an API
  bundle, builds its own service catalog from the CSP's infotainment connectivity offers, and receives
  and controls its first invoice.

  Scenario: The car manufacturer becomes a partner, builds its catalog and controls its first bill
    Given the simulated clock reads "2026-01-01T08:00:00Z"
    When the car manufacturer orders the connectivity and split billing offers from the CSP
    Then the CSP has onboarded the car manufacturer with the API bundle "connected-car-split-billing"
    And the car manufacturer's subscriptions are active and billed to its own account
    When the car manufacturer builds its service catalog from the CSP's infotainment connectivity offers
    Then the car manufacturer's catalog has one service offer per launched infotainment connectivity offer of the CSP
    When the billing period "2026-01" ends
    Then the CSP issued exactly one bill for "2026-01"
    And every bill's total equals the sum of its items
    And the car manufacturer's invoice control found its bill's items add up to the bill amount
    And every exchange on the wire was valid
    And the recorded sequence matches figure 7

  @steps:none
  Scenario: A call without credentials is refused
    When a caller without credentials asks the CSP for its product offerings
    Then the answer is a TMF error with status 401

  @steps:7.1,7.2,7.3,7.4
  Scenario: A call outside the partner's API bundle is refused
    Given the car manufacturer is a partner of the CSP
    When the car manufacturer tries to change a product in the CSP inventory
    Then the answer is a TMF error with status 403

  @steps:7.1,7.2,7.3,7.4,7.5
  Scenario: A catalog filter returns only the launched infotainment connectivity offers
    Given the car manufacturer is a partner of the CSP
    When the car manufacturer asks the CSP for offerings with "category.name=infotainment-connectivity&lifecycleStatus=Launched"
    Then only the CSP's launched infotainment connectivity offers come back
    And every exchange on the wire was valid

  @steps:7.1,7.2,7.3,7.4,7.7,7.8,7.9
  Scenario: A partial first period is prorated, and a second bill run bills nothing twice
    Given the simulated clock reads "2026-01-10T09:30:00Z"
    And the car manufacturer is a partner of the CSP
    When the billing period "2026-01" ends
    Then each monthly fee is charged for 22 of 31 days
    And every bill's total equals the sum of its items
    When the CSP runs the bill run of "2026-01" again
    Then the CSP issued exactly one bill for "2026-01"
    And every exchange on the wire was valid
