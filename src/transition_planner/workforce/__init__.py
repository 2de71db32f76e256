"""The workforce side of a closure: who is at risk, consultation, redeployment and the register."""
