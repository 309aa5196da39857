@figure8 @setup:figure7
Feature: Figure 8 — service use
  The driver of a new car picks an infotainment service from the car manufacturer and agrees to pay
  its connectivity as 3rd party payer. The car manufacturer orders it at the CSP; the car's usage goes
  through the CSP's mediation (guided, rated, split between the payers) and both payers get their bill.

  Background:
    Given the simulated clock reads "2026-01-01T08:00:00Z"
    And the car manufacturer is a partner of the CSP
    And the car manufacturer has built its service catalog from the CSP's offers

  @branch:new-party
  Scenario: A new driver pays the infotainment connectivity of a new car, the car manufacturer its telematics
    When the car manufacturer sells a car to the driver
    Then the driver is offered the car manufacturer's infotainment services
    When the driver selects the "5 GB" service and agrees to pay its connectivity
    Then the CSP has the driver as a new customer with a billing account of its own
    And the CSP's order was completed, each change of state notified to the car manufacturer
    And the car manufacturer's own order was fulfilled: completed with the CSP's, the driver's infotainment service active in its inventory
    And the car's subscription is active, billed to the driver's account, and mediation collects its usage
    When the car uses 3000 MB of infotainment and 40 MB of telematics data in January
    Then every usage record is rated, infotainment for the driver and telematics for the car manufacturer
    And every infotainment record is within the allowance, at no charge
    When the car manufacturer follows up the usage of its cars
    Then the car manufacturer saw every usage record of its car
    When the billing period "2026-01" ends
    Then the CSP issued one bill to the driver and one to the car manufacturer for "2026-01"
    And every bill's total equals the sum of its items
    And the driver's bill charges its monthly fee and no data usage
    And every usage record of the month is billed
    And the driver was told once that its invoice is available
    And every exchange on the wire was valid
    And the recorded sequence matches figure 8

  @branch:existing-customer
  Scenario: A driver who is already a CSP customer pays on its existing account, beyond the allowance
    Given the driver is already a customer of the CSP
    When the car manufacturer sells a car to the driver
    And the driver selects the "5 GB" service and agrees to pay its connectivity
    Then the car manufacturer ordered on the driver's existing billing account
    And the CSP created no second customer and no second billing account for the driver
    When the car uses 6000 MB of infotainment and 40 MB of telematics data in January
    And the car manufacturer follows up the usage of its cars
    And the billing period "2026-01" ends
    # 6000 − 5120 = 880 MB beyond the allowance × 0.0125 = 11.00 EUR; each record is rounded half-up to the
    # cent, and the records' rounded charges add up to the same 11.00 EUR.
    Then the driver's bill charges 11.00 EUR for the 880 MB beyond the allowance at 0.0125 EUR per MB, rounded per record
    And every bill's total equals the sum of its items
    And every usage record of the month is billed
    And the driver was told once that its invoice is available
    And every exchange on the wire was valid
    And the recorded sequence matches figure 8

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10,8.11
  Scenario: Split by volume threshold: the car manufacturer pays the first 5500 MB of the month, the driver the rest
    Given the driver has the "5 GB" service, the car manufacturer paying the first 5500 MB of each month
    # 3000 + 2000 MB: within the 5120 MB allowance. The 1000 MB record (MB 5000–6000) is charged for
    # 5120–6000: 880 MB × 0.0125 = 11.00 EUR; the car manufacturer pays up to 5500 (380 MB = 4.75 EUR),
    # the driver the 500 MB above (6.25 EUR).
    When the car sends infotainment sessions of 3000, 2000 and 1000 MB in January, one after the other
    Then the shares of every usage record add up to its amount
    And the 3000 MB record costs "0.00" EUR
    And the 1000 MB record costs "11.00" EUR, of which the car manufacturer pays "4.75" EUR and the driver "6.25" EUR
    When the car manufacturer follows up the usage of its cars
    Then the car manufacturer saw only the usage shares it pays itself
    And every exchange on the wire was valid

  # Boundaries, each amount derived here: the 5 GB service includes 5120 MB a month, then 0.0125 EUR per MB,
  # each record rounded half-up to the cent.
  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10
  Scenario: The volume threshold falls inside one record, which is split between the payers at that MB
    Given the driver has the "5 GB" service, the car manufacturer paying the first 5500 MB of each month
    # 5000 MB: all included. 700 MB: MB 5000–5700, of which 5120–5700 are charged (580 MB = 7.25 EUR);
    # up to the threshold 5500 the car manufacturer pays 380 MB (4.75 EUR), the driver the 200 MB above (2.50 EUR).
    When the car sends infotainment sessions of 5000 and 700 MB in January, one after the other
    Then the 5000 MB record costs "0.00" EUR
    And the 700 MB record costs "7.25" EUR, of which the car manufacturer pays "4.75" EUR and the driver "2.50" EUR

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10
  Scenario: Exactly the allowance is free; the first MB beyond it is charged
    Given the driver has the "5 GB" service
    # 5120 MB is exactly the allowance: 0.00 EUR. The next 1 MB: 0.0125 EUR, rounded half-up to 0.01 EUR.
    When the car sends infotainment sessions of 5120 and 1 MB in January, one after the other
    Then the 5120 MB record costs "0.00" EUR
    And the 1 MB record costs "0.01" EUR, of which the car manufacturer pays "0.00" EUR and the driver "0.01" EUR

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10
  Scenario: Split by percentage: the car manufacturer pays 30 % of the infotainment usage
    Given the driver has the "5 GB" service, the car manufacturer paying 30 percent of the infotainment usage
    # 5000 MB: within the 5120 MB allowance. The 1001 MB record is charged for 881 MB × 0.0125 = 11.0125,
    # rounded half-up to 11.01 EUR; 30 % of it is 3.303 and 70 % 7.707: whole cents 3.30 + 7.70 = 11.00,
    # and the cent left goes to the larger remainder, the driver's: 3.30 + 7.71 = 11.01 EUR.
    When the car sends infotainment sessions of 5000 and 1001 MB in January, one after the other
    Then the shares of every usage record add up to its amount
    And the 5000 MB record costs "0.00" EUR
    And the 1001 MB record costs "11.01" EUR, of which the car manufacturer pays "3.30" EUR and the driver "7.71" EUR
    And every exchange on the wire was valid

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10
  Scenario: A usage record sent twice is rated once
    Given the driver has the "5 GB" service
    When the car uses 3000 MB of infotainment and 40 MB of telematics data in January
    And the car sends its last usage record again
    Then the CSP refused the repeated record as a duplicate
    And each usage record was received and rated only once

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9
  Scenario: Usage for an unknown subscription is kept as rejected, with the reason
    Given the driver has the "5 GB" service
    When the car reports 100 MB of infotainment on a subscription the CSP does not know
    Then the CSP kept every one of those records as rejected, naming the unknown subscription
    And none of them was rated or charged to anyone
    And every exchange on the wire was valid

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10,8.12,8.13,8.14
  Scenario: A second bill run of the same month bills nothing twice
    Given the driver has the "5 GB" service
    When the car uses 6000 MB of infotainment and 40 MB of telematics data in January
    And the billing period "2026-01" ends
    And the CSP runs the bill run of "2026-01" again
    Then the CSP issued one bill to the driver and one to the car manufacturer for "2026-01"
    And no bill holds the same item twice and every usage share is billed once
    And the driver was told once that its invoice is available

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10,8.12,8.13,8.14
  Scenario: The car manufacturer cannot read the driver's bill, nor another partner the usage
    Given the driver has the "5 GB" service
    When the car uses 6000 MB of infotainment and 40 MB of telematics data in January
    And the billing period "2026-01" ends
    When the car manufacturer asks the CSP for the driver's bill
    Then the answer is a TMF error with status 404
    When the car manufacturer lists its bills at the CSP
    Then only the car manufacturer's own bill comes back
    When the content provider asks the CSP for usage records
    Then the answer is a TMF error with status 403

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10
  Scenario: Mediation stores each state of a record, and the car manufacturer hears each state of its car's records
    Given the driver has the "5 GB" service
    When the car uses 3000 MB of infotainment and 40 MB of telematics data in January
    Then every usage record went received, then guided, then rated at the CSP
    And the car manufacturer heard each record of its car guided, then rated
    And the car manufacturer heard it pays 0.80 EUR for the telematics records and nothing for the infotainment records
    And every exchange on the wire was valid

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8,8.9,8.10,8.12,8.13,8.14
  Scenario: A January record that arrives after January's bill run is billed once, on February's bill
    Given the driver has the "5 GB" service
    When the car uses 6000 MB of infotainment and 40 MB of telematics data in January
    And the billing period "2026-01" ends
    And the car reports 100 MB of infotainment used in January, after January was billed
    Then the late record is rated 1.25 EUR for the driver, beyond January's allowance
    And the driver's bill for "2026-01" still charges 11.00 EUR of data usage
    When the billing period "2026-02" ends
    Then the driver's bill for "2026-02" charges the late record on a line "Infotainment data usage (2026-01), received late" of 1.25 EUR, 1.50 EUR with VAT
    And every usage record is billed, each share on exactly one bill
    And every exchange on the wire was valid

  @steps:8.1,8.2,8.3,8.4,8.6,8.7,8.8
  Scenario: Split billing criteria on an offer the catalog does not mark for split billing are refused
    Given the car manufacturer has a driver known to the CSP
    When the car manufacturer orders "po-telematics" for the driver, paying 50 percent of its usage
    Then the answer is a TMF error with status 400 naming "po-telematics does not allow split billing"
    And the CSP holds no order for the driver
