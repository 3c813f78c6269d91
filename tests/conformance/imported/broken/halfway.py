print("halfway: runs")
counter = 1
raise ValueError("halfway failed")
