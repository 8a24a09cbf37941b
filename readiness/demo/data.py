"""Fixed facts of the demo engagement. Answers are drawn from these profiles with a fixed seed."""

CLIENT = "Northwind Retail"
SECTOR = "Retail chain (120 stores, loyalty programme, e-commerce)"
CONSULTANT_EMAIL = "demo@readiness.example"
#: The demo consultant as clients read them on the cover and the respondents' intro page.
CONSULTANT_NAME, CONSULTANT_TITLE = "Sarah Chen", "Principal Consultant"
CONSULTANT_ORGANISATION = "Northwind Advisory"

#: name, today's level, fit answers (R-CWR-0), cap, cap reason
DEPARTMENTS = [
    ("Store Operations", 1,
     {"sales_cycle_stages": "informal", "parallel_processes": "few", "quotas_slas": "targets",
      "integrations": "some", "sync_frequency": "daily", "customer_volume": "large"}, None, ""),
    ("Membership & Marketing", 0,
     {"sales_cycle_stages": "defined", "parallel_processes": "few", "quotas_slas": "targets",
      "integrations": "some", "sync_frequency": "daily", "customer_volume": "large"}, None, ""),
    ("Corporate Accounts", 1,
     {"sales_cycle_stages": "none", "parallel_processes": "single", "quotas_slas": "none",
      "integrations": "none", "sync_frequency": "manual", "customer_volume": "small"}, 2,
     "Corporate gifting is relationship-led; a sales machine would alienate the 40 key buyers."),
    ("Customer Service", 1,
     {"sales_cycle_stages": "measured", "parallel_processes": "many", "quotas_slas": "enforced",
      "integrations": "many", "sync_frequency": "continuous", "customer_volume": "large"}, None, ""),
]

#: Mean maturity (1-5) per block in each department, before role bias and noise.
PROFILES = {
    "Store Operations":       {"B1": 2.4, "B2": 2.3, "B3": 2.6, "B4": 2.4, "B5": 2.2, "B6": 2.0, "B7": 3.8, "B8": 2.2},
    "Membership & Marketing": {"B1": 2.9, "B2": 2.8, "B3": 2.7, "B4": 2.9, "B5": 2.6, "B6": 2.9, "B7": 4.1, "B8": 2.8},
    "Corporate Accounts":     {"B1": 2.6, "B2": 2.4, "B3": 3.1, "B4": 2.6, "B5": 2.3, "B6": 2.2, "B7": 3.2, "B8": 2.3},
    "Customer Service":       {"B1": 2.7, "B2": 2.5, "B3": 3.0, "B4": 3.7, "B5": 3.6, "B6": 3.6, "B7": 3.9, "B8": 3.4},
}

#: How each role tends to see things (seeds 000/001: executives see a vision the floor does not).
ROLE_BIAS = {
    "executive": {"B1": 1.3, "B2": 1.1, "B4": 1.2, "B8": 0.6},
    "manager": {"B2": 0.3, "B5": 0.3},
    "front_line": {"B1": -0.5, "B4": -0.6, "B6": -0.3},
    "it": {"B7": 0.9, "B6": 0.4, "B3": -0.4},
    "other": {},
}

#: Respondents per department: (name, role)
RESPONDENTS = {
    "Store Operations": [("Helen Park", "executive"), ("Marco Rossi", "manager"),
                         ("Amy Liu", "front_line"), ("Jon Evans", "front_line"),
                         ("Priya Nair", "front_line"), ("Zhang Min", "front_line")],
    "Membership & Marketing": [("Sarah Chen", "executive"), ("Tom Hardy", "manager"),
                               ("Lucy Wang", "front_line"), ("Ben Ortiz", "front_line"),
                               ("Nadia Haddad", "it"), ("Wu Lei", "other")],
    "Corporate Accounts": [("David Kim", "executive"), ("Grace Obi", "manager"),
                           ("Paul Meyer", "front_line"), ("Chen Jing", "front_line"),
                           ("Ivan Petrov", "it"), ("Rosa Diaz", "manager")],
    "Customer Service": [("Anna Berg", "manager"), ("Li Wei", "it"), ("Omar Said", "front_line"),
                         ("Kate Moss", "front_line"), ("Sun Yu", "front_line"),
                         ("Mark Twain", "executive")],
}

TEAM = [("Li Wei", "it", "IT director, project lead"), ("Ivan Petrov", "it", "Integration architect"),
        ("Sarah Chen", "business", "Head of Membership & Marketing")]

ASSETS = [
    ("Loyalty data warehouse", "data warehouse",
     "Five years of card-holder transactions, refreshed nightly; the natural customer master."),
    ("Call centre telephony", "call centre", "Cloud telephony with call recording and IVR, 2023."),
    ("Online shop", "e-commerce", "Web shop with 380k registered accounts, separate from loyalty IDs."),
]

#: title, scenario, affected party, blocks, department, severity, frequency, impact, owner, votes
PAINS = [
    ("Members are unknown at the till",
     "A gold member buys a sofa; the cashier cannot see her status or last complaint and offers nothing.",
     "customer", "B6,B3", "Store Operations", 5, 5,
     "Loyalty sales flat for two years; members churn to the competitor's app.", "Helen Park", 6),
    ("Duplicate customer records across shop, app and loyalty",
     "One customer appears four times with three addresses; the catalogue is mailed three times.",
     "customer", "B6", "Membership & Marketing", 4, 5,
     "About 18% of mailing budget wasted; GDPR requests take days.", "Sarah Chen", 5),
    ("Corporate leads hoarded by individual sales reps",
     "A rep leaves and takes 30 corporate gifting buyers with him; nobody else knew them.",
     "employee", "B4,B6", "Corporate Accounts", 5, 3,
     "Lost an estimated 0.6 M revenue last year.", "David Kim", 4),
    ("Complaints bounce between stores and the call centre",
     "A customer calls about a late delivery; the store says call the centre, the centre says ask the store.",
     "customer", "B5,B4", "Customer Service", 4, 4,
     "Complaint resolution takes 9 days on average; NPS for service is -12.", "Anna Berg", 2),
    ("Campaign results cannot be measured",
     "Marketing runs a spring campaign but cannot tell which members bought because of it.",
     "employee", "B8,B6", "Membership & Marketing", 3, 4,
     "Campaign budget allocated by gut feeling.", "Tom Hardy", 2),
    ("No shared view of corporate account history",
     "A buyer calls about last year's order; the new rep asks them to send the old invoice.",
     "customer", "B6", "Corporate Accounts", 3, 3, "Embarrassment with key buyers.", "Grace Obi", 1),
    ("Store managers keep their own customer spreadsheets",
     "Each store keeps a VIP list in Excel; head office has never seen them.",
     "employee", "B6,B5", "Store Operations", 3, 4, "Customer knowledge leaves with the manager.",
     "Marco Rossi", 1),
    ("Service agents retype orders from the ERP",
     "Agents copy order numbers from the ERP screen into the ticket tool by hand.",
     "employee", "B7,B5", "Customer Service", 2, 5, "About 4 minutes lost per call.", "Li Wei", 0),
    ("Supplier delays are not passed on to customers",
     "A supplier delays a delivery; the customer learns it at the store on collection day.",
     "supplier", "B5", "Customer Service", 4, 2, "Angry customers, wasted trips.", "Anna Berg", 0),
    ("Competitor's app knows customers better",
     "Members say the competitor's app recommends what they need; ours sends generic discounts.",
     "competitor", "B3,B1", "Membership & Marketing", 4, 3, "Share of wallet falling among under-35s.",
     "Sarah Chen", 2),
]

EVIDENCE = {
    "B1.2": "Last customer survey was in 2019; the vision was written by the board offsite.",
    "B3.2": "We read online reviews now and then, nothing systematic.",
    "B6.1": "Loyalty DB, web shop and POS each have their own customer IDs.",
    "B7.1": "The ERP vendor proposed their CRM module; no process review was done.",
}
