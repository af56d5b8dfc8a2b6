import ZKAlgebra
print(Fr(5) * Fr(7))
