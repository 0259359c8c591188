"""Test texts written for these tests: one invented event, an original report, copies, a rewrite and an independent report."""

ORIGINAL = (
    "A footbridge over the Calder canal in Marrowford collapsed on Tuesday evening, injuring seven people "
    "who were crossing it during the town's lantern festival. "
    "Emergency crews pulled four people from the water within twenty minutes, the county fire service said. "
    "Three of the injured were taken to St Anselm hospital with broken bones, and one remains in serious condition. "
    "The steel and timber bridge was built in 1968 and had been inspected last spring, according to council records. "
    "Witnesses said the deck sagged in the middle before the railings gave way and the span dropped into the canal. "
    "\"We heard a crack like a gunshot and then everyone was in the water,\" said Hana Ruiz, a teacher who was on the bridge. "
    "Council leader Tomas Vell said an independent engineer would examine the wreckage on Wednesday. "
    "The festival's remaining events have been cancelled, and the towpath on both banks will stay closed until Friday. "
    "Local businesses had expected about twelve thousand visitors over the weekend. "
    "The council has opened a telephone line for relatives, and police asked anyone with video of the collapse to come forward."
)

REWRITE = (
    "On Tuesday night a pedestrian bridge spanning the Calder canal in Marrowford gave way, leaving seven festival-goers "
    "hurt as they walked across during the lantern celebrations. "
    "Within twenty minutes firefighters had rescued four people from the canal, according to the county fire service. "
    "St Anselm hospital admitted three of the injured with fractures, one of whom is said to be in a serious state. "
    "Council records show that the timber and steel crossing dated from 1968 and passed an inspection last spring. "
    "People who saw it happen described the deck bending at its centre before the railings failed and the whole span fell into the water. "
    "Teacher Hana Ruiz, who was crossing at the time, said she heard a crack like a gunshot before everyone ended up in the canal. "
    "Tomas Vell, who leads the council, announced that an independent engineer will inspect the wreckage on Wednesday. "
    "Organisers have called off the rest of the festival, and the towpaths along both banks are closed until Friday. "
    "Shops in the town had been counting on roughly twelve thousand visitors this weekend. "
    "Relatives can call a dedicated council phone line, and police want to hear from anyone who filmed the collapse."
)

INDEPENDENT = (
    "Marrowford's lantern festival ended in chaos when part of the town's oldest canal crossing fell away beneath the crowd. "
    "Hana Ruiz, a teacher, told reporters: \"We heard a crack like a gunshot and then everyone was in the water.\" "
    "Paramedics treated dozens of spectators for shock on the towpath, and seven people needed hospital care. "
    "The Calder canal is only two metres deep at that point, which probably saved lives, a fire officer said. "
    "Opposition councillors have long complained that maintenance budgets were cut, and they want a public inquiry. "
    "The bridge, opened in 1968, carried about three thousand people a day before the festival. "
    "Tomas Vell, the council leader, declined to say whether the structure had been closed to heavy crowds in the past. "
    "Businesses on the high street said the cancellation would cost them heavily."
)

OTHER_EVENT = (
    "The Harbourside orchestra announced its new season on Monday, with twelve concerts planned between October and May. "
    "Its conductor, Ilse Marten, said the programme would feature three premieres by young composers from the region. "
    "Ticket prices will fall by ten percent for students, and the orchestra will tour four coastal towns in spring. "
    "The hall's roof repairs finished in August after two years of work funded by a public appeal."
)

EXTRA = (
    "In other news, the regional transport authority confirmed that weekend rail services will run to a reduced timetable. "
    "Engineering work between Pellow junction and the coast will replace signals installed in the nineteen eighties. "
    "Replacement buses will leave every thirty minutes from the station forecourt, and journeys will take about an hour longer. "
    "The authority apologised for the disruption and said the work had been planned for more than a year."
)
